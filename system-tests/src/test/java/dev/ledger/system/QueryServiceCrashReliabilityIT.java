package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import dev.ledger.system.JsonHttp.Answer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 1: the query-service is killed with SIGKILL in the middle of a load of thousands of commands and
 * started again. Afterwards every accepted command is visible exactly once, and the read model equals a clean
 * rebuild of it (same checksum before and after POST /admin/rebuild).
 */
@Order(1)
@ExtendWith(ReliabilitySuite.class)
class QueryServiceCrashReliabilityIT {

    private static final int DEBATES = 4;
    private static final int COMMANDS_PER_DEBATE = 500;

    @Test
    void aKilledQueryServiceComesBackWithEveryEventOnceAndEqualToARebuild() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("1 query-service kill -9 under load");
        RunningLedger ledger = ReliabilitySuite.ledger();
        CommandLoad load = new CommandLoad(ledger.commands());
        List<Debate> debates = new ArrayList<>();
        for (int i = 0; i < DEBATES; i++) {
            debates.add(load.openDebate("query crash " + i, 5));
        }
        int setUp = load.accepted.size();

        Thread running = load.start(debates, COMMANDS_PER_DEBATE, Duration.ofMillis(5), () -> true);
        awaitAccepted(load, setUp + DEBATES * COMMANDS_PER_DEBATE / 3, Duration.ofSeconds(120));
        ledger.queryService().kill9();
        tally.fault();
        tally.note("killed at " + load.accepted.size() + " accepted");
        ledger.queryService().restart();
        long ready = ledger.queryService().awaitReady();
        TimeToVisible.measure(ledger, load, debates.get(0), ready, Duration.ofSeconds(5), tally, "the query-service's restart");
        running.join(Duration.ofMinutes(3).toMillis());
        assertThat(running.isAlive()).as("the load did not finish within 3 minutes").isFalse();
        tally.commandsAccepted.set(load.accepted.size());
        assertThat(load.refused).as("commands refused while the query-service was down (the command side must not care)").isEmpty();

        ProjectionCheck.Result result = ProjectionCheck.check(ledger, CommandLoad.ids(debates), load.accepted, Duration.ofSeconds(120));
        tally.add(result);
        assertThat(result.problems()).as("stored events vs. what the query API shows").isEmpty();
        assertThat(result.lost()).isZero();
        assertThat(result.duplicates()).isZero();
        for (Debate debate : debates) {
            assertHistoryHasEachViewOnce(ledger.queries(), debate, load.acceptedIn(List.of(debate)));
        }

        // The same read model, built again from scratch, must be identical.
        JsonHttp admin = ledger.queryAdmin();
        String before = checksum(admin);
        Answer rebuild = admin.post("/admin/rebuild", Map.of());
        assertThat(rebuild.status()).as("POST /admin/rebuild answered %s", rebuild).isEqualTo(202);
        Answer status = awaitRebuild(admin, Duration.ofSeconds(180));
        assertThat(status.body().path("state").asString("")).as("rebuild status %s", status).isEqualTo("completed");
        String after = checksum(admin);
        assertThat(after).as("read-model checksum after a clean rebuild (before: %s)", before).isEqualTo(before);
    }

    private static void assertHistoryHasEachViewOnce(JsonHttp queries, Debate debate, List<Accepted> accepted) {
        for (String participant : debate.participants()) {
            List<Long> expected = accepted.stream()
                    .filter(command -> command.type().equals("ViewUpdated") && command.subjectId().equals(participant))
                    .map(Accepted::sequence).sorted().toList();
            List<Long> shown = new ArrayList<>();
            // the history comes a page at a time: follow nextAfter to the last page
            for (long after = 0; after >= 0; ) {
                Answer history = queries.get("/debates/" + debate.id() + "/participants/" + participant
                        + "/history?limit=500&after=" + after);
                assertThat(history.status()).as("history of %s in %s: %s", participant, debate.id(), history).isEqualTo(200);
                history.body().path("changes").forEach(change -> shown.add(change.path("sequence").asLong()));
                after = history.body().path("nextAfter").isNumber() ? history.body().path("nextAfter").asLong() : -1;
            }
            assertThat(shown).as("view changes of %s in %s: each accepted update exactly once", participant, debate.id())
                    .containsExactlyElementsOf(expected);
        }
    }

    static String checksum(JsonHttp admin) {
        Answer answer = admin.get("/admin/projection/checksum");
        assertThat(answer.status()).as("GET /admin/projection/checksum answered %s", answer).isEqualTo(200);
        String overall = answer.body().path("overall").asString("");
        assertThat(overall).as("checksum answer without 'overall': %s", answer).isNotBlank();
        return overall;
    }

    private static Answer awaitRebuild(JsonHttp admin, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Answer status;
        do {
            Thread.sleep(500);
            status = admin.get("/admin/rebuild");
            assertThat(status.status()).as("GET /admin/rebuild answered %s", status).isEqualTo(200);
            String state = status.body().path("state").asString("");
            if (state.equals("completed") || state.equals("failed") || state.equals("interrupted")) {
                return status;
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the rebuild did not finish within " + timeout + "; last status " + status);
    }

    static void awaitAccepted(CommandLoad load, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (load.accepted.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + load.accepted.size() + " of " + count + " commands accepted within " + timeout
                        + "; refused: " + load.refused.stream().limit(3).toList());
            }
            Thread.sleep(50);
        }
    }
}
