package dev.ledger.web.security;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import dev.ledger.web.WebTestApplication;
import dev.ledger.web.WebTestClient;
import dev.ledger.web.WebTestClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With LEDGER_OIDC_ISSUER set, JWTs that issuer signed are callers: a real RSA key, and the issuer's discovery
 * document and key set served over HTTP on loopback, as an identity provider would.
 */
@SpringBootTest(classes = WebTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"ledger.service-token=" + OidcJwtTest.SERVICE_TOKEN, "ledger.oidc.handle-claim=preferred_username"})
class OidcJwtTest {

    static final String SERVICE_TOKEN = "oidc-test-service-token-0123456789abcdef";
    private static final Issuer ISSUER = new Issuer();
    private static final RSAKey OTHER_KEY = Issuer.newKey();

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("ledger.oidc.issuer", ISSUER::url);
    }

    @AfterAll
    static void stopIssuer() {
        ISSUER.server.stop(0);
    }

    @LocalServerPort
    int port;

    @Test
    void aJwtOfTheIssuerIsACallerNamedByTheHandleClaim() {
        Answer answer = me(ISSUER.sign(claims(ISSUER.url()).claim("preferred_username", "maya").claim("name", "Maya R.").build(),
                ISSUER.key));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("handle").asString()).isEqualTo("maya");
        assertThat(answer.json().get("displayName").asString()).isEqualTo("Maya R.");
        assertThat(answer.json().get("admin").asBoolean()).as("admin rights belong to ledger accounts").isFalse();
        assertThat(new WebTestClient(port).get("/admin/status", "Authorization", "Bearer " + ISSUER.sign(
                claims(ISSUER.url()).claim("preferred_username", "maya").build(), ISSUER.key)).status()).isEqualTo(403);
    }

    @Test
    void aJwtThatIsNotTheIssuersValidOneIs401() {
        JWTClaimsSet good = claims(ISSUER.url()).claim("preferred_username", "maya").build();
        assertInvalid(me(ISSUER.sign(good, OTHER_KEY)), "signed by another key");
        assertInvalid(me(ISSUER.sign(claims("http://127.0.0.1:1/elsewhere").claim("preferred_username", "maya").build(),
                ISSUER.key)), "another issuer");
        assertInvalid(me(ISSUER.sign(new JWTClaimsSet.Builder(good).expirationTime(Date.from(Instant.now().minusSeconds(600)))
                .build(), ISSUER.key)), "expired");
        assertInvalid(me(ISSUER.sign(claims(ISSUER.url()).build(), ISSUER.key)), "without the handle claim");
        assertInvalid(me(ISSUER.sign(claims(ISSUER.url()).claim("preferred_username", "maya smith!").build(), ISSUER.key)),
                "a handle that is no participant id");
        String signed = ISSUER.sign(good, ISSUER.key);
        assertInvalid(me(signed.substring(0, signed.length() - 4) + "AAAA"), "a changed signature");
    }

    @Test
    void theServiceTokenAndAccountTokensStillWork() {
        WebTestClient client = new WebTestClient(port);
        assertThat(client.get("/admin/status", "Authorization", "Bearer " + SERVICE_TOKEN).status()).isEqualTo(200);
        assertThat(client.get("/me", "Authorization", "Bearer ldg_alice-token").json().get("handle").asString()).isEqualTo("alice");
    }

    private Answer me(String jwt) {
        return new WebTestClient(port).get("/me", "Authorization", "Bearer " + jwt);
    }

    private static void assertInvalid(Answer answer, String what) {
        assertThat(answer.status()).as(what).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).as(what).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:ledger:problem:unauthorized");
    }

    private static JWTClaimsSet.Builder claims(String issuer) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject("a1b2c3").issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    /** An identity provider's discovery document and key set on loopback, and its signing key. */
    static final class Issuer {

        final RSAKey key = newKey();
        final HttpServer server;

        Issuer() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/.well-known/openid-configuration", exchange -> respond(exchange,
                    "{\"issuer\":\"" + url() + "\",\"jwks_uri\":\"" + url() + "/jwks\",\"subject_types_supported\":[\"public\"]}"));
            server.createContext("/jwks", exchange -> respond(exchange, new JWKSet(key.toPublicJWK()).toString()));
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        String sign(JWTClaimsSet claims, RSAKey with) {
            try {
                SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT).build(), claims);
                jwt.sign(new RSASSASigner(with));
                return jwt.serialize();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        static RSAKey newKey() {
            try {
                return new RSAKeyGenerator(2048).keyID("test-key").generate();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        }
    }
}
