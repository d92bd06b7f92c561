package dev.ledger.command.api;

import dev.ledger.command.CommandServiceApplication;
import dev.ledger.infra.postgres.LocalPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL stops under a running command service: commands fail fast with 503 + Retry-After instead of
 * hanging (also several at once on one debate), and once PostgreSQL is back the same command succeeds with nothing half written. Uses its own
 * PostgreSQL (stopped and restarted on the same port and data directory) and its own service instance.
 */
class DatabaseOutageTest extends IntegrationTestBase {

    @Autowired
    Environment environment;

    private Path dataDirectory;
    private LocalPostgres database;
    private ConfigurableApplicationContext service;

    @AfterEach
    void stopEverything() throws IOException {
        if (service != null) {
            service.close();
        }
        if (database != null) {
            database.close();
        }
        if (dataDirectory != null) {
            FileSystemUtils.deleteRecursively(dataDirectory);
        }
    }

    @Test
    void commandsFailFastWith503WhileTheDatabaseIsDownAndSucceedAfterwards() throws Exception {
        dataDirectory = Files.createTempDirectory("ledger-outage-pg");
        int databasePort = freePort();
        database = LocalPostgres.durable(dataDirectory, databasePort);
        String url = database.createDatabaseIfMissing("ledger_outage");
        service = new SpringApplicationBuilder(CommandServiceApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + LocalPostgres.USER,
                "--spring.datasource.password=",
                "--ledger.service-token=" + SERVICE_TOKEN,
                "--ledger.signing-key=" + SIGNING_KEY.format(),
                "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"));
        int servicePort = ((WebServerApplicationContext) service).getWebServer().getPort();
        Response opened = send(servicePort, "POST", "/debates", "{\"title\":\"Outage\",\"visibility\":\"public\"}");
        assertThat(opened.status()).isEqualTo(201);
        String debateId = opened.text("debateId");
        assertThat(send(servicePort, "POST", "/debates/" + debateId + "/participants",
                "{\"participantId\":\"ann\",\"displayName\":\"Ann\"}").status()).isEqualTo(201);
        String claim = "{\"statement\":\"Backups are tested\",\"by\":\"ann\"}";

        database.close();
        database = null;
        // Several commands on the one debate at once: each is answered within about one connection timeout
        // (Hikari, 2 s), none waits for the others' timeouts in turn.
        List<Callable<TimedResponse>> commands = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            commands.add(() -> {
                long started = System.nanoTime();
                Response response = send(servicePort, "POST", "/debates/" + debateId + "/claims", claim);
                return new TimedResponse(response, Duration.ofNanos(System.nanoTime() - started));
            });
        }
        List<TimedResponse> refusals = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(commands.size());
        try {
            for (Future<TimedResponse> refusal : clients.invokeAll(commands)) {
                refusals.add(refusal.get());
            }
        } finally {
            clients.shutdownNow();
        }
        for (TimedResponse refusal : refusals) {
            assertThat(refusal.response().status()).as(refusal.response().raw()).isEqualTo(503);
            assertThat(refusal.took()).as("answered within about one connection timeout (2 s)").isLessThan(Duration.ofSeconds(5));
        }
        Response refused = refusals.get(0).response();
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("5");
        assertThat(refused.text("type")).isEqualTo("urn:ledger:problem:unavailable");
        assertThat(refused.body().get("status").asInt()).isEqualTo(503);
        // the account token was used before the outage, so it is remembered and the command itself meets the outage
        assertThat(refused.text("detail")).contains("cannot be reached").contains("again");
        assertThat(refused.raw()).doesNotContain("Exception").doesNotContain("at org.");

        database = LocalPostgres.durable(dataDirectory, databasePort);
        Response accepted = awaitValue(Duration.ofSeconds(20),
                () -> send(servicePort, "POST", "/debates/" + debateId + "/claims", claim),
                response -> response.status() != 503);

        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(201);
        assertThat(accepted.body().get("sequence").asLong()).isEqualTo(3);
        JdbcTemplate store = new JdbcTemplate(new DriverManagerDataSource(url, LocalPostgres.USER, ""));
        List<Long> sequences = store.queryForList(
                "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                Long.class, debateId);
        assertThat(sequences).containsExactly(0L, 1L, 2L);
    }

    private record TimedResponse(Response response, Duration took) {
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
