package dev.ledger.query;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What bounds a query: waiting for unknown debates, how many may wait ({@link QueryServiceTestBase#MAX_WAITING_READS}),
 * how long a statement may run.
 */
class QueryLimitsTest extends QueryServiceTestBase {

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void aDebateThatExistsNowhereIs404AtOnceEvenWithMinSequence() {
        long started = System.nanoTime();
        Answer answer = get("/debates/" + UUID.randomUUID() + "?minSequence=1");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("debateId");
        assertThat(took).isLessThan(Duration.ofMillis(900)); // the wait would be 1 s
    }

    @Test
    void requestsBeyondTheMostThatMayWaitAre503AtOnce() throws Exception {
        DebateScript debate = new DebateScript();
        publish(debate.open("Crowded", null));
        awaitSequence(debate.debateId, 1);
        HttpClient http = HttpClient.newHttpClient();
        record Timed(int status, String retryAfter, String body, Duration took) {
        }
        List<CompletableFuture<Timed>> sent = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            long started = System.nanoTime();
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/debates/" + debate.debateId
                                    + "?minSequence=99")).timeout(Duration.ofSeconds(30)).GET().build(),
                            HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new Timed(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
                            response.body(), Duration.ofNanos(System.nanoTime() - started))));
        }
        List<Timed> answers = new ArrayList<>();
        for (CompletableFuture<Timed> answer : sent) {
            answers.add(answer.get());
        }

        List<Timed> busy = answers.stream().filter(a -> a.body().contains("urn:ledger:problem:busy")).toList();
        List<Timed> waited = answers.stream().filter(a -> a.body().contains("urn:ledger:problem:not-ready")).toList();
        assertThat(busy.size() + waited.size()).isEqualTo(150);
        assertThat(busy).isNotEmpty().allSatisfy(a -> {
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.retryAfter()).isEqualTo("1");
            assertThat(JSON.readTree(a.body()).get("errors").get(0).get("field").asString()).isEqualTo("minSequence");
        });
        assertThat(waited).allSatisfy(a -> assertThat(a.took()).isGreaterThanOrEqualTo(Duration.ofMillis(900)));
        assertThat(meters.get("ledger.query.waiting").gauge().value()).isZero();
    }

    @Test
    void aReadPastTheStatementTimeoutIs503() throws Exception {
        DebateScript debate = new DebateScript();
        publish(debate.open("Slow", null));
        awaitSequence(debate.debateId, 1);
        try (Connection blocker = dataSource.getConnection()) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                // Blocks every read of the table; a read waiting on a lock counts against statement_timeout (5 s).
                lock.execute("LOCK TABLE debate IN ACCESS EXCLUSIVE MODE");
            }
            Answer answer = get("/debates/" + debate.debateId);
            blocker.rollback();

            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.retryAfter()).isEqualTo("5");
            assertThat(answer.json().get("type").asString()).isEqualTo("urn:ledger:problem:timeout");
        }
        assertThat(get("/debates/" + debate.debateId).status()).isEqualTo(200);
    }

    @Test
    void participantLookupsUseAnIndex() {
        String beliefs = "SELECT b.debate_id, b.claim_id FROM current_belief b WHERE b.participant_id = 'alice'";
        String debates = "SELECT p.debate_id FROM participant p WHERE p.participant_id = 'alice'";

        // With sequential scans priced out, a lookup without a usable index would still show a Seq Scan.
        assertThat(plan(beliefs)).contains("current_belief_by_participant").doesNotContain("Seq Scan");
        assertThat(plan(debates)).contains("participant_by_participant").doesNotContain("Seq Scan");
    }

    /** The plan of {@code sql} with sequential scans switched off, in a transaction that is rolled back. */
    private String plan(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("SET LOCAL enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (var rows = statement.executeQuery("EXPLAIN " + sql)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            }
            connection.rollback();
            System.out.println("Plan of " + sql + ":\n" + plan);
            return plan.toString();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
