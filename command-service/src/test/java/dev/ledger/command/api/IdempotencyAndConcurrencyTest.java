package dev.ledger.command.api;

import dev.ledger.command.debate.DebateCommands.StateClaim;
import dev.ledger.command.debate.DebateCommands.UpdateView;
import dev.ledger.command.problem.DomainException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Idempotency-Key retries, concurrent commands on one debate, the gateway's exceptions, snapshots. */
class IdempotencyAndConcurrencyTest extends IntegrationTestBase {

    @Autowired
    CommandGateway commandGateway;

    @Autowired
    DebateCommandSender sender;

    @Test
    void aRetryWithTheSameKeyReturnsTheFirstAnswerAndWritesNothing() {
        String key = "open-" + UUID.randomUUID();
        Response first = post("/debates", "{\"title\":\"Idempotent\"}", "Idempotency-Key", key);
        long events = eventCount();
        Response retry = post("/debates", "{\"title\":\"Idempotent\"}", "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void theSameKeyForAnotherRequestIsUnprocessable() {
        String debateId = openDebate();
        join(debateId, "alice");
        String key = "claim-" + UUID.randomUUID();
        Response first = post("/debates/" + debateId + "/claims", "{\"statement\":\"one\",\"by\":\"alice\"}", "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        long events = eventCount();

        Response other = post("/debates/" + debateId + "/claims", "{\"statement\":\"two\",\"by\":\"alice\"}", "Idempotency-Key", key);

        assertThat(other.status()).isEqualTo(422);
        assertThat(other.body().get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void theSameKeyFromTwoAccountsIsTwoRequests() {
        String debateId = openDebate();
        join(debateId, "alice");
        join(debateId, "bob");
        String key = "shared-" + UUID.randomUUID();
        String claim = "{\"statement\":\"Keys belong to their account\"}";
        String path = "/debates/" + debateId + "/claims";
        long events = eventCount(debateId);

        Response alices = post(path, claim, "Idempotency-Key", key, "Authorization", "Bearer " + tokenOf("alice"));
        Response bobs = post(path, claim, "Idempotency-Key", key, "Authorization", "Bearer " + tokenOf("bob"));
        Response alicesRetry = post(path, claim, "Idempotency-Key", key, "Authorization", "Bearer " + tokenOf("alice"));

        assertThat(alices.status()).isEqualTo(201);
        assertThat(bobs.status()).as("bob's request is his own, not a replay of alice's").isEqualTo(201);
        assertThat(bobs.text("claimId")).isNotEqualTo(alices.text("claimId"));
        assertThat(alicesRetry.body()).isEqualTo(alices.body());
        assertThat(eventCount(debateId)).isEqualTo(events + 2);
        assertThat(jdbc.queryForList("SELECT scope FROM idempotency_key WHERE idempotency_key = ? ORDER BY scope", String.class, key))
                .containsExactly("alice", "bob");
    }

    @Test
    void concurrentFirstUsesOfOneKeyWriteOneEvent() throws Exception {
        String debateId = openDebate();
        join(debateId, "alice");
        String key = "race-" + UUID.randomUUID();
        List<Response> responses = inParallel(8, () ->
                post("/debates/" + debateId + "/claims", "{\"statement\":\"raced\",\"by\":\"alice\"}", "Idempotency-Key", key));

        assertThat(responses).extracting(Response::status).containsOnly(201);
        assertThat(responses).extracting(Response::body).containsOnly(responses.get(0).body());
        assertThat(eventCount(debateId)).isEqualTo(3);
    }

    @Test
    void concurrentCommandsOnOneDebateLoseAndDuplicateNothing() throws Exception {
        String debateId = openDebate();
        join(debateId, "alice");
        List<Response> responses = inParallel(10, () ->
                post("/debates/" + debateId + "/claims", "{\"statement\":\"" + UUID.randomUUID() + "\",\"by\":\"alice\"}"));

        assertThat(responses).extracting(Response::status).containsOnly(201);
        assertThat(responses).extracting(response -> response.body().get("sequence").asLong())
                .containsExactlyInAnyOrder(3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(eventCount(debateId)).isEqualTo(12);
    }

    @Test
    void aDomainExceptionThrownInTheHandlerReachesTheCallerAsItself() {
        String debateId = openDebate();
        assertThatThrownBy(() -> commandGateway.sendAndWait(new StateClaim(debateId, UUID.randomUUID().toString(), "x", "mallory")))
                .isInstanceOf(DomainException.NotFound.class)
                .satisfies(e -> assertThat(((DomainException) e).field()).isEqualTo("by"));
        assertThatThrownBy(() -> sender.send(new StateClaim(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "x", "alice")))
                .isInstanceOf(DomainException.NotFound.class)
                .satisfies(e -> assertThat(((DomainException) e).field()).isEqualTo("debateId"));
    }

    @Test
    void aDebateWithMoreEventsThanTheSnapshotThresholdStillLoads() {
        String debateId = openDebate();
        join(debateId, "bob");
        String claimId = stateClaim(debateId, "bob");
        for (int i = 1; i <= 260; i++) {
            sender.send(new UpdateView(debateId, "bob", claimId, (i % 100) / 100.0, "round " + i, null));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class, debateId))
                .isPositive();

        Response view = send("PUT", "/debates/" + debateId + "/participants/bob/views/" + claimId, "{\"credence\":0.99,\"rationale\":\"final\"}");
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body().get("sequence").asLong()).isEqualTo(264);
        assertThat(view.body().get("previous").asDouble()).isEqualTo(0.6);
        Response again = post("/debates/" + debateId + "/participants", "{\"participantId\":\"bob\",\"displayName\":\"Bob\"}");
        assertThat(again.status()).as("participants survive the snapshot").isEqualTo(409);
    }

    private static List<Response> inParallel(int count, Callable<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(pool.submit(call));
            }
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
