package dev.ledger.web.security;

import dev.ledger.web.WebTestApplication;
import dev.ledger.web.WebTestBase;
import dev.ledger.web.WebTestClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bearer tokens on a service whose API anyone may call: /admin/** needs the service token or an admin account,
 * account tokens become the {@link Caller}, a token that is sent but not valid is 401 everywhere.
 */
class AccessTest extends WebTestBase {

    private static final String ALICE = "ldg_alice-token";
    private static final String ROOT = "ldg_root-token";

    @Test
    void theServiceTokenAndAdminAccountsAreLetOntoAdminPathsWhateverTheSchemesCase() {
        assertThat(client.get("/admin/status", "Authorization", "Bearer " + SERVICE_TOKEN).status()).isEqualTo(200);
        assertThat(client.get("/admin/status", "Authorization", "bearer " + SERVICE_TOKEN).status()).isEqualTo(200);
        assertThat(client.get("/admin/status", "Authorization", "Bearer " + ROOT).status()).isEqualTo(200);
    }

    @Test
    void anAccountThatIsNoAdminIs403OnAdminPaths() {
        Answer answer = client.get("/admin/status", "Authorization", "Bearer " + ALICE);
        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:ledger:problem:forbidden");
        assertThat(answer.firstErrorField()).isEqualTo("Authorization");
        assertThat(answer.header("WWW-Authenticate")).isNull();
    }

    @Test
    void aMissingTokenOnAnAdminPathIs401WithABareChallenge() {
        for (Answer answer : new Answer[] {client.get("/admin/status"),
                client.get("/admin/status", "Authorization", "Basic " + SERVICE_TOKEN),
                client.get("/admin/status", "Authorization", "Bearer "),
                client.get("/admin/anything-else")}) {
            assertUnauthorized(answer);
            assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void aWrongTokenIs401NamingTheTokenInvalidOnEveryPath() {
        for (String wrong : new String[] {SERVICE_TOKEN + "x", SERVICE_TOKEN.substring(1), "ldg_unknown", "nope"}) {
            for (String path : new String[] {"/admin/status", "/admin/anything-else", "/participants/alice", "/me"}) {
                Answer answer = client.get(path, "Authorization", "Bearer " + wrong);
                assertUnauthorized(answer);
                assertThat(answer.header("WWW-Authenticate")).as("%s with %s", path, wrong).isEqualTo("Bearer error=\"invalid_token\"");
            }
        }
    }

    @Test
    void anAccountTokenIsTheCallerAndNoTokenIsAnonymous() {
        Answer alice = client.get("/me", "Authorization", "Bearer " + ALICE);
        assertThat(alice.status()).isEqualTo(200);
        assertThat(alice.json().get("handle").asString()).isEqualTo("alice");
        assertThat(alice.json().get("displayName").asString()).isEqualTo("Alice");
        assertThat(alice.json().get("admin").asBoolean()).isFalse();
        assertThat(client.get("/me", "Authorization", "Bearer " + ROOT).json().get("admin").asBoolean()).isTrue();

        assertThat(client.get("/me").json().get("anonymous").asBoolean()).isTrue();
        assertThat(client.get("/me", "Authorization", "Bearer " + SERVICE_TOKEN).json().get("anonymous").asBoolean())
                .as("the service token is the service, not a caller").isTrue();
    }

    @Test
    void theOpenApiNeedsNoTokenNorACsrfToken() {
        assertThat(client.get("/participants/alice").status()).isEqualTo(200);
        assertThat(client.send("POST", "/greetings", "{\"name\":\"a\",\"times\":1}").status())
                .as("no CSRF token is asked of a bearer-token API").isEqualTo(200);
        assertThat(client.send("POST", "/greetings", "{\"name\":\"a\",\"times\":1}", "Authorization", "Bearer " + ALICE).status())
                .isEqualTo(200);
    }

    @Test
    void oddCharactersInAnOpenPathReachTheApiWhichNamesTheField() {
        Answer answer = client.get("/participants/p%3Bx%25");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.firstErrorField()).isEqualTo("participantId");
    }

    @Test
    void theStrictFirewallGuardsAdminPathsWithAProblemAnswer() {
        Answer answer = client.get("/admin/status;x=1", "Authorization", "Bearer " + SERVICE_TOKEN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:ledger:problem:validation");
        assertThat(answer.firstErrorField()).isEqualTo("path");
    }

    @Test
    void theServiceDoesNotStartWithoutAServiceTokenOfAtLeast32Characters() {
        for (String token : new String[] {"", "   ", "x".repeat(31)}) {
            assertThatThrownBy(() -> new SpringApplicationBuilder(WebTestApplication.class)
                    .run("--server.port=0", "--server.address=127.0.0.1", "--ledger.service-token=" + token).close())
                    .as("token of %d characters", token.length())
                    .hasStackTraceContaining("LEDGER_SERVICE_TOKEN")
                    .hasStackTraceContaining("at least 32 characters")
                    .hasStackTraceContaining("./ledger up generates one");
        }
    }

    private static void assertUnauthorized(Answer answer) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:ledger:problem:unauthorized");
        assertThat(answer.json().get("status").asInt()).isEqualTo(401);
        assertThat(answer.json().get("detail").asString()).contains("Authorization: Bearer");
        assertThat(answer.firstErrorField()).isEqualTo("Authorization");
        assertThat(answer.text()).doesNotContain(SERVICE_TOKEN);
    }
}
