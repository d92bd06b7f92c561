package dev.ledger.command.api;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-service instances on one event store, each with its own in-memory aggregate lock: commands on
 * one debate race for the same sequence numbers. The unique key on (debate, sequence) must turn every race
 * into a retry or a 409, never a lost, doubled or out-of-order event, and never a 500. Each also has its own
 * aggregate cache, which must never make a command decide on a debate older than the event store's.
 */
class TwoInstancesOnOneEventStoreTest extends IntegrationTestBase {

    @Autowired
    Environment environment;

    /**
     * One second instance for both checks, since starting one takes seconds. The sequential check comes first: a cold
     * instance's first commands can take longer than the lock wait on a busy machine, and the race is not about that.
     */
    @Test
    void bothInstancesServeOneDebateAsOneInstanceWould() throws Exception {
        int secondPort = portOf(startInstance(environment.getProperty("spring.datasource.url")));
        aDebateCachedHereIsNotUsedStaleAfterTheOtherInstanceAppendedToIt(secondPort);
        racingCommandsOnOneDebateKeepItsSequenceContiguous(secondPort);
    }

    private void racingCommandsOnOneDebateKeepItsSequenceContiguous(int secondPort) throws Exception {
        String debateId = openDebate();
        join(debateId, "ann");
        HttpClient http = HttpClient.newHttpClient();
        String ann = "Bearer " + tokenOf("ann");   // both instances read the same account tables
        List<Callable<Integer>> claims = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int instancePort = i % 2 == 0 ? port : secondPort;
            String body = "{\"statement\":\"Claim number " + i + "\",\"by\":\"ann\"}";
            claims.add(() -> http.send(HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + instancePort + "/debates/" + debateId + "/claims"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", ann)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        ExecutorService clients = Executors.newFixedThreadPool(12);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : clients.invokeAll(claims)) {
                statuses.add(status.get());
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(statuses).allMatch(status -> status == 201 || status == 409);
        long accepted = statuses.stream().filter(status -> status == 201).count();
        assertThat(accepted).isPositive();
        List<Long> sequences = jdbc.queryForList(
                "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                Long.class, debateId);
        assertThat(sequences).containsExactlyElementsOf(LongStream.range(0, 2 + accepted).boxed().toList());
    }

    /**
     * This instance keeps a debate in its aggregate cache while the other instance appends to it. A refusal or an
     * unchanged answer appends nothing, so no unique-key conflict would reveal a stale cached debate: each command
     * here must decide on what the event store holds, as if one instance served the debate.
     */
    private void aDebateCachedHereIsNotUsedStaleAfterTheOtherInstanceAppendedToIt(int other) {
        String debateId = openDebate();
        join(debateId, "ann");
        String claimId = stateClaim(debateId, "ann");
        String view = "/debates/" + debateId + "/participants/ann/views/" + claimId;
        String resolution = "/debates/" + debateId + "/claims/" + claimId + "/resolution";

        // Resolved here (cached resolved), annulled there: a view here is allowed again.
        assertThat(post(resolution, "{\"outcome\":true}").status()).isEqualTo(201);
        assertThat(send(other, "DELETE", resolution, "{\"note\":\"measured wrongly\"}").status()).isEqualTo(200);
        Response afterAnnulment = send("PUT", view, "{\"credence\":0.3}");
        assertThat(afterAnnulment.status()).as("a view on a claim the other instance annulled: %s", afterAnnulment.raw())
                .isEqualTo(200);
        assertThat(afterAnnulment.body().get("sequence").asLong()).isEqualTo(eventCount(debateId));

        // 0.3 cached here, 0.7 set there: 0.3 sent here again is a change to record, not "unchanged".
        assertThat(send(other, "PUT", view, "{\"credence\":0.7}").status()).isEqualTo(200);
        long before = eventCount(debateId);
        Response back = send("PUT", view, "{\"credence\":0.3}");
        assertThat(back.status()).as(back.raw()).isEqualTo(200);
        assertThat(eventCount(debateId)).as("the view set back to 0.3 is recorded").isEqualTo(before + 1);
        assertThat(back.body().get("sequence").asLong()).isEqualTo(before + 1);
        assertThat(JSON.readTree(latestEvent(debateId)).get("credence").asDouble()).isEqualTo(0.3);

        // Open here (cached), resolved there: a view here is refused as on a resolved claim, and nothing is written.
        assertThat(send(other, "POST", resolution, "{\"outcome\":false}").status()).isEqualTo(201);
        long resolved = eventCount(debateId);
        Response onResolved = send("PUT", view, "{\"credence\":0.9}");
        assertThat(onResolved.status()).as(onResolved.raw()).isEqualTo(409);
        assertThat(onResolved.text("type")).isEqualTo("urn:ledger:problem:claim-resolved");
        assertThat(eventCount(debateId)).isEqualTo(resolved);
    }
}
