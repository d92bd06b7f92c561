package dev.ledger.command.api;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many commands queued on one debate do not take the database connections: they wait for their turn before the
 * transaction (DebateAdmission), so with a pool of two connections that give up after 250 ms, forty concurrent
 * commands on one debate all succeed, one after another. Before, each waiting command held a connection, and the
 * ones that found the pool empty failed with 503 after the connection timeout.
 */
class BusyDebateTest extends IntegrationTestBase {

    private static final int COMMANDS = 40;

    @Test
    void fortyConcurrentCommandsOnOneDebateNeedOnlyOneConnectionAtATime() throws Exception {
        ConfigurableApplicationContext instance = startInstance(POSTGRES.createDatabaseIfMissing("ledger_command"),
                "--spring.datasource.hikari.maximum-pool-size=2", "--spring.datasource.hikari.connection-timeout=250");
        int port = portOf(instance);
        Response opened = send(port, "POST", "/debates", "{\"title\":\"Crowded\",\"visibility\":\"public\"}");
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        String debateId = opened.text("debateId");
        Response joined = send(port, "POST", "/debates/" + debateId + "/participants", "{\"displayName\":\"Opener\"}");
        assertThat(joined.status()).as(joined.raw()).isEqualTo(201);

        List<Future<Response>> sent = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(COMMANDS);
        List<Long> sequences = new ArrayList<>();
        try {
            for (int i = 0; i < COMMANDS; i++) {
                String claim = "{\"statement\":\"Claim number " + i + "\"}";
                sent.add(clients.submit(() -> send(port, "POST", "/debates/" + debateId + "/claims", claim)));
            }
            for (Future<Response> answer : sent) {
                Response response = answer.get();
                assertThat(response.status()).as(response.raw()).isEqualTo(201);
                sequences.add(response.body().get("sequence").asLong());
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(sequences).doesNotHaveDuplicates().allSatisfy(sequence -> assertThat(sequence).isBetween(3L, 2L + COMMANDS));
        assertThat(eventCount(debateId)).isEqualTo(2 + COMMANDS);
    }
}
