package dev.ledger.system;

import dev.ledger.system.JsonHttp.Answer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 5: fifty clients update their views and propose reasons in one debate at the same moment. No accepted
 * command is lost, each accepted command has its own sequence, the debate's sequences are contiguous, and a
 * conflict is retried by the server or answered 409 (which the client retries), never a 500.
 */
@Order(5)
@ExtendWith(ReliabilitySuite.class)
class ConcurrentClientsReliabilityIT {

    private static final int CLIENTS = 50;
    private static final int COMMANDS_PER_CLIENT = 8;
    private static final int CLIENT_RETRIES = 10;

    @Test
    void fiftyClientsInOneDebateLoseNothingAndLeaveContiguousSequences() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("5 fifty clients in one debate");
        RunningLedger ledger = ReliabilitySuite.ledger();
        JsonHttp commands = ledger.commands();
        CommandLoad setUp = new CommandLoad(commands);
        CommandLoad.Debate debate = setUp.openDebate("fifty at once", CLIENTS);
        Queue<Accepted> accepted = new ConcurrentLinkedQueue<>(setUp.accepted);
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        AtomicInteger conflicts = new AtomicInteger();

        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (String participant : debate.participants()) {
            Thread client = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < COMMANDS_PER_CLIENT; i++) {
                    boolean reason = i % 2 == 1;
                    for (int attempt = 1; attempt <= CLIENT_RETRIES; attempt++) {
                        Answer answer;
                        try {
                            if (reason) {
                                Map<String, Object> body = new LinkedHashMap<>();
                                body.put("claimId", debate.claimId());
                                body.put("stance", i % 4 == 1 ? "for" : "against");
                                body.put("text", participant + " says reason " + i);
                                body.put("by", participant);
                                answer = commands.post("/debates/" + debate.id() + "/reasons", body);
                            } else {
                                answer = commands.put("/debates/" + debate.id() + "/participants/" + participant + "/views/" + debate.claimId(),
                                        Map.of("credence", (i + 1) / 10.0, "rationale", participant + " at step " + i));
                            }
                        } catch (IllegalStateException e) {
                            wrong.add(participant + " step " + i + ": " + e.getMessage());
                            break;
                        }
                        if (answer.status() == 409) {
                            conflicts.incrementAndGet();
                            if (!answer.isProblem()) {
                                wrong.add(participant + " step " + i + ": 409 without problem+json: " + answer);
                            }
                            sleepQuietly(ThreadLocalRandom.current().nextInt(5, 50));
                            continue;
                        }
                        if (answer.status() == 200 || answer.status() == 201) {
                            accepted.add(new Accepted(debate.id(), answer.body().path("sequence").asLong(),
                                    reason ? "ReasonProposed" : "ViewUpdated",
                                    reason ? answer.body().path("reasonId").asString() : participant));
                        } else {
                            wrong.add(participant + " step " + i + ": " + answer);
                        }
                        break;
                    }
                }
            }, "client-" + participant);
            clients.add(client);
            client.start();
        }
        ready.await();
        go.countDown();
        for (Thread client : clients) {
            client.join(Duration.ofMinutes(3).toMillis());
            assertThat(client.isAlive()).as("%s still running after 3 minutes", client.getName()).isFalse();
        }
        tally.fault();
        tally.commandsAccepted.set(accepted.size());
        tally.note(conflicts.get() + " answered 409 and retried by the client");

        assertThat(wrong).as("answers other than 200/201/409 (a 5xx means a conflict escaped as an error)").isEmpty();
        assertThat(ProjectionCheck.sharedSequences(accepted)).as("accepted commands answered with the same sequence").isEmpty();
        assertThat(accepted).as("accepted commands").hasSize(1 + CLIENTS + 1 + CLIENTS * COMMANDS_PER_CLIENT);

        long last = ProjectionCheck.storedLastSequences(ledger, List.of(debate.id())).get(debate.id());
        assertThat(last).as("events stored = commands accepted (contiguous 1..N, none extra)").isEqualTo(accepted.size());
        ProjectionCheck.Result result = ProjectionCheck.check(ledger, List.of(debate.id()), accepted, Duration.ofSeconds(120));
        tally.add(result);
        assertThat(result.problems()).as("stored events vs. what the query API shows").isEmpty();
        List<Long> timeline = ProjectionCheck.timeline(ledger.queries(), debate.id()).stream().map(ProjectionCheck.Entry::sequence).toList();
        assertThat(timeline).as("timeline sequences").containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, last).boxed().toList());
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
