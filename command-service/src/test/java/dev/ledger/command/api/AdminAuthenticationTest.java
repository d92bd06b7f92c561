package dev.ledger.command.api;

import dev.ledger.command.CommandServiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** /admin/** needs "Authorization: Bearer LEDGER_ADMIN_TOKEN"; without a configured token admin is off. */
class AdminAuthenticationTest extends IntegrationTestBase {

    private static final String FEED = "/admin/event-store/debates?limit=1";

    @Autowired
    Environment environment;

    @Test
    void theRightTokenIsLetThrough() {
        assertThat(admin(FEED).status()).isEqualTo(200);
        assertThat(send("GET", FEED, null, "Authorization", "bearer " + ADMIN_TOKEN).status()).isEqualTo(200);
    }

    @Test
    void aMissingTokenIs401WithAChallenge() {
        Response response = send("GET", FEED, null);

        assertUnauthorized(response);
    }

    @Test
    void aWrongTokenIs401WithAChallenge() {
        assertUnauthorized(send("GET", FEED, null, "Authorization", "Bearer " + ADMIN_TOKEN + "x"));
        assertUnauthorized(send("GET", FEED, null, "Authorization", "Bearer " + ADMIN_TOKEN.substring(1)));
        assertUnauthorized(send("GET", FEED, null, "Authorization", "Basic " + ADMIN_TOKEN));
        assertUnauthorized(send("GET", "/admin/anything-else", null, "Authorization", "Bearer nope"));
    }

    @Test
    void withoutAConfiguredTokenAdminEndpointsAre403() {
        try (ConfigurableApplicationContext withoutToken = new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                "--spring.datasource.username=" + environment.getProperty("spring.datasource.username"),
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "--ledger.admin.token=")) {
            int otherPort = ((WebServerApplicationContext) withoutToken).getWebServer().getPort();

            for (String authorization : new String[] {"Bearer " + ADMIN_TOKEN, "Bearer ", ""}) {
                Response response = authorization.isEmpty()
                        ? send(otherPort, "GET", FEED, null)
                        : send(otherPort, "GET", FEED, null, "Authorization", authorization);
                assertThat(response.status()).isEqualTo(403);
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.text("type")).isEqualTo("urn:ledger:problem:admin-disabled");
                assertThat(response.text("detail"))
                        .isEqualTo("admin endpoints are disabled: start the service with LEDGER_ADMIN_TOKEN set");
                assertThat(response.header("WWW-Authenticate")).isNull();
            }
            // the rest of the API is not affected
            assertThat(send(otherPort, "POST", "/debates", "{\"title\":\"Still open\"}").status()).isEqualTo(201);
        }
    }

    private static void assertUnauthorized(Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("urn:ledger:problem:unauthorized");
        assertThat(response.body().get("status").asInt()).isEqualTo(401);
        assertThat(response.text("detail")).contains("Authorization: Bearer");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("Authorization");
        assertThat(response.raw()).doesNotContain(ADMIN_TOKEN);
    }
}
