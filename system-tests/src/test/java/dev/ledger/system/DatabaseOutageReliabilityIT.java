package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import dev.ledger.system.JsonHttp.Answer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 4: the command-service's PostgreSQL (its own server; the query side keeps its own) is stopped.
 * Commands fail fast (under 5 s) with 503 problem+json, nothing is half written (no event, no idempotency
 * answer), and the service works again by itself once the database is back.
 */
@Order(4)
@ExtendWith(ReliabilitySuite.class)
class DatabaseOutageReliabilityIT {

    private static final Duration FAIL_FAST = Duration.ofSeconds(5);

    record Attempt(String what, Answer answer, String error) {
        @Override
        public String toString() {
            return what + " -> " + (answer != null ? answer.toString() : "no answer: " + error);
        }
    }

    @Test
    void commandsFailFastWhileTheEventStoreIsDownAndTheServiceResumesByItself() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("4 command database down");
        RunningLedger ledger = ReliabilitySuite.ledger();
        JsonHttp commands = ledger.commands();
        CommandLoad load = new CommandLoad(commands);
        Debate debate = load.openDebate("database outage", 3);
        load.run(List.of(debate), 20);
        Map<String, Long> before = ProjectionCheck.storedLastSequences(ledger, List.of(debate.id()));
        long lastBefore = before.get(debate.id());
        // The query side must already show the debate: during the outage it is asked to keep answering it.
        ProjectionCheck.awaitProjected(ledger.queries(), before, Duration.ofSeconds(60));
        long storedBefore = ProjectionCheck.storedEventCount(ledger);
        String idempotencyKey = "outage-" + UUID.randomUUID();
        String claimBody = "{\"statement\":\"Stated while the database was down\",\"by\":\"p01\"}";

        List<Attempt> duringOutage = new ArrayList<>();
        Answer queryDuringOutage;
        // the accounts acting during the outage get their tokens first (making one needs the database too)
        List.of(RunningLedger.DEFAULT_ACTOR, "late", "p00", "p01", "p02").forEach(ledger.accounts()::tokenOf);
        ledger.stopCommandPostgres();
        tally.fault();
        try {
            Map<String, Callable<Answer>> attempts = new LinkedHashMap<>();
            attempts.put("open debate", () -> commands.post("/debates", Map.of("title", "during outage"), Duration.ofSeconds(40)));
            attempts.put("join", () -> commands.post("/debates/" + debate.id() + "/participants",
                    Map.of("participantId", "late", "displayName", "Late"), Duration.ofSeconds(40)));
            attempts.put("view", () -> commands.put("/debates/" + debate.id() + "/participants/p00/views/" + debate.claimId(),
                    Map.of("credence", 0.42, "rationale", "during outage"), Duration.ofSeconds(40)));
            attempts.put("reason", () -> commands.post("/debates/" + debate.id() + "/reasons",
                    Map.of("claimId", debate.claimId(), "stance", "for", "text", "during outage", "by", "p02"), Duration.ofSeconds(40)));
            attempts.put("claim with Idempotency-Key", () -> postWithKey(commands, "/debates/" + debate.id() + "/claims", claimBody, idempotencyKey));
            ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
            try {
                Map<String, Future<Answer>> futures = new LinkedHashMap<>();
                attempts.forEach((what, call) -> futures.put(what, pool.submit(call)));
                for (Map.Entry<String, Future<Answer>> future : futures.entrySet()) {
                    try {
                        duringOutage.add(new Attempt(future.getKey(), future.getValue().get(), null));
                    } catch (java.util.concurrent.ExecutionException e) {
                        duringOutage.add(new Attempt(future.getKey(), null, String.valueOf(e.getCause().getMessage())));
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            queryDuringOutage = ledger.queries().get("/debates/" + debate.id(), Duration.ofSeconds(10));
        } finally {
            ledger.startCommandPostgres();
        }

        // Nothing the refused commands tried is in the store: no event, no half-finished idempotency answer.
        assertThat(ProjectionCheck.storedEventCount(ledger)).as("events in the store after the outage").isEqualTo(storedBefore);
        try (Connection connection = ledger.commandDatabase();
             ResultSet rows = connection.createStatement().executeQuery(
                     "SELECT count(*) FROM idempotency_key WHERE idempotency_key = '" + idempotencyKey + "' OR response_status IS NULL")) {
            rows.next();
            assertThat(rows.getLong(1)).as("idempotency rows of refused or unfinished commands").isZero();
        }

        // The service resumes by itself: the same command, retried, succeeds within a bounded time.
        long recoveryStarted = System.nanoTime();
        Answer resumed = null;
        while (System.nanoTime() - recoveryStarted < Duration.ofSeconds(90).toNanos()) {
            try {
                resumed = commands.put("/debates/" + debate.id() + "/participants/p00/views/" + debate.claimId(),
                        Map.of("credence", 0.42, "rationale", "after the outage"), Duration.ofSeconds(10));
                if (resumed.status() == 200) {
                    break;
                }
            } catch (IllegalStateException noAnswer) {
                resumed = null;
            }
            Thread.sleep(500);
        }
        assertThat(resumed).as("no answer from the command-service after the database came back").isNotNull();
        assertThat(resumed.status()).as("first command after the database came back: %s", resumed).isEqualTo(200);
        tally.note("resumed " + Duration.ofNanos(System.nanoTime() - recoveryStarted).toSeconds() + " s after the database came back");
        assertThat(resumed.body().path("sequence").asLong()).as("the next event follows the last one stored before the outage")
                .isEqualTo(lastBefore + 1);
        load.accepted.add(new Accepted(debate.id(), lastBefore + 1, "ViewUpdated", "p00"));
        Answer retriedKey = postWithKey(commands, "/debates/" + debate.id() + "/claims", claimBody, idempotencyKey);
        assertThat(retriedKey.status()).as("the refused claim sent again with the same Idempotency-Key: %s", retriedKey).isEqualTo(201);
        load.accepted.add(new Accepted(debate.id(), retriedKey.body().path("sequence").asLong(), "ClaimStated",
                retriedKey.body().path("claimId").asString()));
        tally.commandsAccepted.set(load.accepted.size());

        ProjectionCheck.Result result = ProjectionCheck.check(ledger, List.of(debate.id()), load.accepted, Duration.ofSeconds(120));
        tally.add(result);
        assertThat(result.problems()).as("stored events vs. what the query API shows").isEmpty();

        assertThat(queryDuringOutage.status()).as("the query side while the command database was down: %s", queryDuringOutage)
                .isEqualTo(200);
        for (Attempt attempt : duringOutage) {
            assertThat(attempt.answer()).as("%s", attempt).isNotNull();
            Answer answer = attempt.answer();
            assertThat(answer.status()).as("status of %s", attempt).isEqualTo(503);
            assertThat(answer.took()).as("time to refuse %s", attempt).isLessThan(FAIL_FAST);
            assertThat(answer.contentType()).as("content type of %s", attempt).startsWith("application/problem+json");
            assertThat(answer.problemType()).as("problem type of %s", attempt).isEqualTo("urn:ledger:problem:unavailable");
            assertThat(answer.headers().firstValue("Retry-After")).as("Retry-After of %s", attempt).isPresent();
            assertThat(answer.text()).as("body of %s", attempt).doesNotContain("Exception").doesNotContain("at org.");
        }
    }

    private static Answer postWithKey(JsonHttp commands, String path, String body, String key) {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(commands.baseUrl() + path))
                    .header("Content-Type", "application/json").header("Idempotency-Key", key)
                    .header("Authorization", commands.authorizationFor(path, body.getBytes(StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(40))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            tools.jackson.databind.JsonNode json;
            try {
                json = JsonHttp.JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                json = JsonHttp.JSON.nullNode();
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json, response.body(),
                    response.headers(), Duration.ofNanos(System.nanoTime() - started));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("request failed after " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
