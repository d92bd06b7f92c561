package dev.ledger.web.security;

import dev.ledger.web.WebTestApplication;
import dev.ledger.web.WebTestBase;
import dev.ledger.web.WebTestClient;
import dev.ledger.web.WebTestClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/** /admin/** needs "Authorization: Bearer LEDGER_ADMIN_TOKEN"; without a configured token admin is off; the rest is open. */
class AdminAccessTest extends WebTestBase {

    @Test
    void theRightTokenIsLetThroughWhateverTheSchemesCase() {
        assertThat(client.get("/admin/status", "Authorization", "Bearer " + ADMIN_TOKEN).status()).isEqualTo(200);
        assertThat(client.get("/admin/status", "Authorization", "bearer " + ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aMissingOrWrongTokenIs401WithAChallenge() {
        assertUnauthorized(client.get("/admin/status"));
        assertUnauthorized(client.get("/admin/status", "Authorization", "Bearer " + ADMIN_TOKEN + "x"));
        assertUnauthorized(client.get("/admin/status", "Authorization", "Bearer " + ADMIN_TOKEN.substring(1)));
        assertUnauthorized(client.get("/admin/status", "Authorization", "Bearer "));
        assertUnauthorized(client.get("/admin/status", "Authorization", "Basic " + ADMIN_TOKEN));
        // refused before routing: an unknown admin path does not tell whether it exists
        assertUnauthorized(client.get("/admin/anything-else", "Authorization", "Bearer nope"));
    }

    @Test
    void theOpenApiNeedsNoTokenAndIgnoresAWrongOne() {
        assertThat(client.get("/participants/alice").status()).isEqualTo(200);
        assertThat(client.get("/participants/alice", "Authorization", "Bearer nope").status()).isEqualTo(200);
        assertThat(client.send("POST", "/greetings", "{\"name\":\"a\",\"times\":1}").status())
                .as("no CSRF token is asked of a bearer-token API").isEqualTo(200);
    }

    @Test
    void oddCharactersInAnOpenPathReachTheApiWhichNamesTheField() {
        Answer answer = client.get("/participants/p%3Bx%25");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.firstErrorField()).isEqualTo("participantId");
    }

    @Test
    void theStrictFirewallGuardsAdminPathsWithAProblemAnswer() {
        Answer answer = client.get("/admin/status;x=1", "Authorization", "Bearer " + ADMIN_TOKEN);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:ledger:problem:validation");
        assertThat(answer.firstErrorField()).isEqualTo("path");
    }

    @Test
    void withoutAConfiguredTokenAdminEndpointsAre403() {
        try (ConfigurableApplicationContext withoutToken = new SpringApplicationBuilder(WebTestApplication.class)
                .run("--server.port=0", "--server.address=127.0.0.1", "--ledger.admin.token=")) {
            WebTestClient other = new WebTestClient(((WebServerApplicationContext) withoutToken).getWebServer().getPort());
            for (Answer answer : new Answer[] {other.get("/admin/status", "Authorization", "Bearer " + ADMIN_TOKEN),
                    other.get("/admin/status", "Authorization", "Bearer "), other.get("/admin/status")}) {
                assertThat(answer.status()).isEqualTo(403);
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.json().get("type").asString()).isEqualTo("urn:ledger:problem:admin-disabled");
                assertThat(answer.json().get("detail").asString())
                        .isEqualTo("admin endpoints are disabled: start the service with LEDGER_ADMIN_TOKEN set");
                assertThat(answer.header("WWW-Authenticate")).isNull();
            }
            assertThat(other.get("/participants/alice").status()).isEqualTo(200);
        }
    }

    private static void assertUnauthorized(Answer answer) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("urn:ledger:problem:unauthorized");
        assertThat(answer.json().get("status").asInt()).isEqualTo(401);
        assertThat(answer.json().get("detail").asString()).contains("Authorization: Bearer");
        assertThat(answer.firstErrorField()).isEqualTo("Authorization");
        assertThat(answer.text()).doesNotContain(ADMIN_TOKEN);
    }
}
