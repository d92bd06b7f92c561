package dev.ledger.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signing in to the web view with a one-time link: only the service token and admin accounts make links, a link signs
 * in once and not after it expired, the session then acts as the account (a command token minted by the
 * command-service's admin API, here its stand-in) and forms need the session's CSRF token.
 */
class WebSignInTest extends QueryServiceTestBase {

    @Autowired
    ApplicationContext context;

    @Test
    void onlyTheServiceTokenAndAdminsMakeSignInLinks() {
        assertThat(makeLink("maya", null).status()).isEqualTo(401);
        assertThat(makeLink("maya", token("noor", false)).status()).isEqualTo(403);
        Answer invalid = makeLink("not a handle", EventStoreStub.TOKEN);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("handle");

        Answer byAdmin = makeLink("maya", token("root2", true));
        assertThat(byAdmin.status()).isEqualTo(201);
        JsonNode link = makeLink("maya", EventStoreStub.TOKEN).json();
        assertThat(link.get("handle").asString()).isEqualTo("maya");
        assertThat(link.get("url").asString()).startsWith("http://localhost:" + port + "/login/ott?token=");
        assertThat(Instant.parse(link.get("expiresAt").asString()))
                .isBetween(Instant.now().plus(Duration.ofMinutes(9)), Instant.now().plus(Duration.ofMinutes(11)));
    }

    @Test
    void aLinkSignsInOnceAndTheSessionActsAsTheAccount() {
        EventStoreStub.get().admin("vera");
        String link = signInLink("vera");
        int issuedBefore = EventStoreStub.get().issued("vera");
        WebSession browser = new WebSession(port);

        HttpResponse<String> linkPage = browser.get(link);
        assertThat(linkPage.body()).contains("Sign in with your link");
        assertThat(linkPage.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        assertThat(browser.get("/login").body()).as("opening the link alone signs nobody in").doesNotContain("signed in as");

        HttpResponse<String> signedIn = browser.signInWith(link);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElse("")).endsWith("/web/");
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElse("");
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(EventStoreStub.get().issued("vera")).as("a command token minted for the session").isEqualTo(issuedBefore + 1);
        String page = browser.get("/login").body();
        assertThat(page).contains("signed in as <strong>vera</strong>").doesNotContain("ldg_");

        WebSession other = new WebSession(port);
        HttpResponse<String> again = other.signInWith(link);
        assertThat(again.headers().firstValue("Location").orElse("")).endsWith("/web/sign-in?error=link");
        assertThat(other.get("/login").body()).doesNotContain("signed in as");

        String sessionToken = EventStoreStub.get().lastIssued("vera");
        assertThat(readAs(sessionToken)).as("the session's token is valid for the API too: a debate nobody opened").isEqualTo(404);
        HttpResponse<String> signedOut = browser.post("/web/sign-out", Map.of("_csrf", WebSession.csrf(page)));
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(browser.get("/login").body()).doesNotContain("signed in as");
        // revoked at the command-service; this service refuses it once its introspection answer is no longer reused
        await().atMost(Duration.ofSeconds(5)).until(() -> readAs(sessionToken) == 401);
    }

    private int readAs(String token) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/debates/" + java.util.UUID.randomUUID()))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build()).status();
    }

    @Test
    void anExpiredLinkSignsNobodyIn() {
        String link = signInLink("wim");
        String token = URI.create(link).getQuery().replace("token=", "");
        jdbc.sql("UPDATE one_time_tokens SET expires_at = now() - interval '1 second' WHERE token_value = :token")
                .param("token", token).update();
        WebSession browser = new WebSession(port);
        assertThat(browser.signInWith(link).headers().firstValue("Location").orElse("")).endsWith("/web/sign-in?error=link");
        assertThat(browser.get("/login").body()).doesNotContain("signed in as");
    }

    @Test
    void formPostsNeedTheSessionsCsrfTokenAndASignIn() {
        WebSession anonymous = new WebSession(port);
        HttpResponse<String> signedOut = anonymous.post("/web/debates", Map.of("title", "Tabs?"));
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(signedOut.headers().firstValue("Location").orElse("")).endsWith("/web/sign-in");
        String csrf = WebSession.csrf(anonymous.get("/login/ott?token=x").body());
        HttpResponse<String> signedOutWithToken = anonymous.post("/web/debates", Map.of("title", "Tabs?", "_csrf", csrf));
        assertThat(signedOutWithToken.headers().firstValue("Location").orElse("")).endsWith("/web/sign-in");

        WebSession browser = new WebSession(port);
        browser.signInWith(signInLink("xena"));
        Map<String, String> noToken = new LinkedHashMap<>();
        noToken.put("title", "Tabs?");
        assertThat(browser.post("/web/debates", noToken).statusCode()).isEqualTo(403);
        noToken.put("_csrf", csrf);
        assertThat(browser.post("/web/debates", noToken).statusCode()).as("another session's token").isEqualTo(403);
    }

    @Test
    void aSignedInPersonRegistersPasskeysForTheirHandleAndAnyoneMayAskToSignInWithOne() {
        WebSession anonymous = new WebSession(port);
        assertThat(anonymous.get("/webauthn/register").headers().firstValue("Location").orElse("")).endsWith("/web/sign-in");
        HttpResponse<String> signInPage = anonymous.get("/login");
        assertThat(signInPage.body()).contains("id=\"passkey-sign-in\"").contains("/login/webauthn.js").doesNotContain("<script>");
        assertThat(anonymous.get("/login/webauthn.js").body()).contains("setupLogin");
        String anonymousCsrf = WebSession.csrfMeta(signInPage.body());
        HttpResponse<String> requestOptions = anonymous.postJson("/webauthn/authenticate/options", "", anonymousCsrf);
        assertThat(requestOptions.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(requestOptions.body()).get("rpId").asString()).isEqualTo("localhost");

        WebSession browser = new WebSession(port);
        browser.signInWith(signInLink("yara"));
        HttpResponse<String> page = browser.get("/webauthn/register");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Your passkeys").contains("id=\"passkey-register\"").doesNotContain("<script>");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("script-src 'self'");
        HttpResponse<String> creationOptions = browser.postJson("/webauthn/register/options", "", WebSession.csrfMeta(page.body()));
        assertThat(creationOptions.statusCode()).isEqualTo(200);
        JsonNode options = JSON.readTree(creationOptions.body());
        assertThat(options.get("rp").get("id").asString()).isEqualTo("localhost");
        assertThat(options.get("user").get("name").asString()).as("the passkey belongs to the session's handle").isEqualTo("yara");
    }

    @Test
    void withoutAnOidcIssuerThereIsNoOidcSignInAtAll() {
        assertThat(context.getBeanNamesForType(ClientRegistrationRepository.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OAuth2AuthorizedClientService.class)).isEmpty();
        WebSession anonymous = new WebSession(port);
        assertThat(anonymous.get("/web/sign-in").body()).doesNotContain("oidc-sign-in").doesNotContain("organisation's account");
        assertThat(anonymous.get("/web/sign-in/oidc").headers().firstValue("Location").orElse("")).endsWith("/web/sign-in");
        assertThat(anonymous.get("/oauth2/authorization/oidc").statusCode()).isEqualTo(404);
    }

    private Answer makeLink(String handle, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/sign-in-links"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"handle\":\"" + handle + "\"}"));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return send(request.build());
    }
}
