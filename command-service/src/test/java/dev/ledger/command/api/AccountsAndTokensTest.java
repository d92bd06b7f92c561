package dev.ledger.command.api;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts and tokens through the admin API, and what a token (or none) lets a request do on the command-service. */
class AccountsAndTokensTest extends IntegrationTestBase {

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Response asService(String method, String path, String json) {
        return send(method, path, json, "Authorization", "Bearer " + SERVICE_TOKEN);
    }

    @Test
    void aTokenIsShownOnceStoredOnlyAsItsHashAndActsAsItsAccountUntilRevoked() throws Exception {
        String handle = fresh("maya");
        Response created = asService("POST", "/admin/accounts/" + handle + "/tokens", "{\"displayName\":\"Maya\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("handle")).isEqualTo(handle);
        assertThat(created.text("displayName")).isEqualTo("Maya");
        String token = created.text("token");
        assertThat(token).startsWith("ldg_");
        assertThat(Base64.getUrlDecoder().decode(token.substring(4))).as("256 random bits").hasSize(32);

        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM access_token WHERE handle = ? AND token_hash = ?", Long.class,
                handle, sha256)).isEqualTo(1);
        String stored = jdbc.queryForList("SELECT encode(token_hash, 'escape') || handle AS row FROM access_token", String.class)
                .toString() + jdbc.queryForList("SELECT handle || display_name FROM account", String.class);
        assertThat(stored).doesNotContain(token).doesNotContain(token.substring(4));
        String second = asService("POST", "/admin/accounts/" + handle + "/tokens", null).text("token");
        assertThat(second).isNotEqualTo(token);

        String debateId = post("/debates", "{\"title\":\"Who speaks?\"}", "Authorization", "Bearer " + token).text("debateId");
        Response joined = post("/debates/" + debateId + "/participants", "{\"displayName\":\"Maya\"}", "Authorization", "Bearer " + token);
        assertThat(joined.status()).isEqualTo(201);
        Response claim = post("/debates/" + debateId + "/claims", "{\"statement\":\"Tokens work\"}", "Authorization", "Bearer " + second);
        assertThat(claim.status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND convert_from(payload, 'UTF8') LIKE ?", Long.class, debateId, "%\"" + handle + "\"%"))
                .as("opened (as its owner), joined and stated by the token's account").isEqualTo(3);

        Response revoked = asService("DELETE", "/admin/accounts/" + handle + "/tokens", null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.text("handle")).isEqualTo(handle);
        assertThat(revoked.body().get("revoked").asInt()).isEqualTo(2);
        for (String gone : new String[] {token, second}) {
            Response refused = post("/debates", "{\"title\":\"Still me?\"}", "Authorization", "Bearer " + gone);
            assertThat(refused.status()).as("revoked tokens are refused at once").isEqualTo(401);
            assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        }
        assertThat(asService("DELETE", "/admin/accounts/" + handle + "/tokens", null).body().get("revoked").asInt()).isZero();
    }

    @Test
    void aCommandWithoutAnAccountIs401WithAChallengeAndWritesNothing() {
        long before = eventCount();
        for (Response response : new Response[] {anonymous("POST", "/debates", "{\"title\":\"Anyone?\"}"),
                post("/debates", "{\"title\":\"Anyone?\"}", "Authorization", "Basic bWF5YTpzZWNyZXQ="),
                post("/debates", "{\"title\":\"Anyone?\"}", "Authorization", "Bearer ldg_" + UUID.randomUUID())}) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("type")).isEqualTo("urn:ledger:problem:unauthorized");
            assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
        }
        Response asService = post("/debates", "{\"title\":\"The service?\"}", "Authorization", "Bearer " + SERVICE_TOKEN);
        assertThat(asService.status()).as("the service token is no participant").isEqualTo(403);
        assertThat(asService.text("type")).isEqualTo("urn:ledger:problem:forbidden");
        assertThat(eventCount()).isEqualTo(before);
    }

    @Test
    void theAdminApiIsForTheServiceTokenAndAdminAccounts() {
        String member = fresh("member");
        String memberToken = tokenOf(member);
        String path = "/admin/accounts/" + fresh("x") + "/tokens";

        assertThat(anonymous("POST", path, null).status()).isEqualTo(401);
        Response byMember = post(path, null, "Authorization", "Bearer " + memberToken);
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byMember.text("type")).isEqualTo("urn:ledger:problem:forbidden");
        assertThat(send("PUT", "/admin/accounts/" + member + "/admin", null, "Authorization", "Bearer " + memberToken).status())
                .as("no one makes themselves an admin").isEqualTo(403);

        Response madeAdmin = asService("PUT", "/admin/accounts/" + member + "/admin", null);
        assertThat(madeAdmin.status()).isEqualTo(200);
        assertThat(madeAdmin.body().get("admin").asBoolean()).isTrue();
        assertThat(post(path, null, "Authorization", "Bearer " + memberToken).status()).as("now an admin").isEqualTo(201);
        assertThat(admin("/admin/event-store/debates?limit=1").status()).isEqualTo(200);
    }

    @Test
    void theAdminApiRefusesBadHandlesAndUnknownAccountsNamingTheField() {
        Response badHandle = asService("POST", "/admin/accounts/not%20valid!/tokens", null);
        assertThat(badHandle.status()).isEqualTo(400);
        assertThat(badHandle.body().get("errors").get(0).get("field").asString()).isEqualTo("handle");
        Response badName = asService("POST", "/admin/accounts/" + fresh("n") + "/tokens", "{\"displayName\":\"  \"}");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.body().get("errors").get(0).get("field").asString()).isEqualTo("displayName");
        Response unknown = asService("DELETE", "/admin/accounts/" + fresh("nobody") + "/tokens", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body().get("errors").get(0).get("field").asString()).isEqualTo("handle");
    }

    @Test
    void introspectionAnswersForTheServiceTokenOnly() {
        String handle = fresh("ines");
        asService("PUT", "/admin/accounts/" + handle + "/admin", null);
        String token = tokenOf(handle);

        Response active = introspect(token, SERVICE_TOKEN);
        assertThat(active.status()).isEqualTo(200);
        assertThat(active.body().get("active").asBoolean()).isTrue();
        assertThat(active.text("sub")).isEqualTo(handle);
        assertThat(active.text("name")).isEqualTo(handle);
        assertThat(active.body().get("ledger_admin").asBoolean()).isTrue();
        assertThat(introspect("ldg_" + UUID.randomUUID(), SERVICE_TOKEN).body().toString()).isEqualTo("{\"active\":false}");
        assertThat(introspect(SERVICE_TOKEN, SERVICE_TOKEN).body().toString()).isEqualTo("{\"active\":false}");

        Response byAdminAccount = introspect(token, token);
        assertThat(byAdminAccount.status()).isEqualTo(403);
        assertThat(byAdminAccount.body().get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
    }

    @Test
    void theServiceRevokesOneTokenAndLeavesTheAccountsOthers() {
        String handle = fresh("sign-out");
        String session = asService("POST", "/admin/accounts/" + handle + "/tokens", null).text("token");
        String other = asService("POST", "/admin/accounts/" + handle + "/tokens", null).text("token");
        assertThat(post("/debates", "{\"title\":\"Before\"}", "Authorization", "Bearer " + session).status()).isEqualTo(201);

        Response byAccount = revoke(session, other);
        assertThat(byAccount.status()).isEqualTo(403);
        assertThat(byAccount.body().get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
        Response blank = revoke(" ", SERVICE_TOKEN);
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.contentType()).startsWith("application/problem+json");
        assertThat(blank.body().get("errors").get(0).get("field").asString()).isEqualTo("token");
        assertThat(post("/debates", "{\"title\":\"Still\"}", "Authorization", "Bearer " + session).status())
                .as("refused revocations revoke nothing").isEqualTo(201);

        Response revoked = revoke(session, SERVICE_TOKEN);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.body().get("revoked").asBoolean()).isTrue();
        Response refused = post("/debates", "{\"title\":\"After\"}", "Authorization", "Bearer " + session);
        assertThat(refused.status()).as("the revoked token is refused at once").isEqualTo(401);
        assertThat(post("/debates", "{\"title\":\"Other\"}", "Authorization", "Bearer " + other).status())
                .as("the account's other token still works").isEqualTo(201);
        assertThat(revoke(session, SERVICE_TOKEN).body().get("revoked").asBoolean()).as("twice: nothing left to revoke").isFalse();
        assertThat(revoke("ldg_" + UUID.randomUUID(), SERVICE_TOKEN).body().get("revoked").asBoolean()).isFalse();
    }

    @Test
    void actuatorDetailsAndMetricsOnlyForAdminsAndTheService() {
        assertThat(anonymous("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
        assertThat(anonymous("GET", "/actuator/health/readiness", null).status()).isEqualTo(200);
        Response bare = anonymous("GET", "/actuator/health", null);
        assertThat(bare.status()).isEqualTo(200);
        assertThat(bare.body().has("components")).isFalse();
        assertThat(send("GET", "/actuator/health", null, "Authorization", "Bearer " + tokenOf(fresh("m"))).body().has("components"))
                .isFalse();
        assertThat(admin("/actuator/health").body().get("components").has("publishing")).isTrue();

        assertThat(anonymous("GET", "/actuator/prometheus", null).status()).isEqualTo(401);
        assertThat(anonymous("GET", "/actuator/metrics", null).status()).isEqualTo(401);
        assertThat(send("GET", "/actuator/metrics", null, "Authorization", "Bearer " + tokenOf(fresh("m"))).status()).isEqualTo(403);
        assertThat(admin("/actuator/metrics").status()).isEqualTo(200);
    }

    /** RFC 7662 as the query-service sends it: a form with the token. */
    private Response introspect(String token, String as) {
        return tokenForm("/admin/tokens/introspect", token, as);
    }

    /** RFC 7009 as the query-service sends it at sign-out: a form with the token. */
    private Response revoke(String token, String as) {
        return tokenForm("/admin/tokens/revoke", token, as);
    }

    private Response tokenForm(String path, String token, String as) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + as)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)))
                    .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    JSON.readTree(response.body()), response.body(), response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
