package dev.ledger.system;

import dev.ledger.system.JsonHttp.Answer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 9: forty accounts, each with its own token (made through the admin API with the service token), are
 * invited to one private debate by its owner, join it within a few seconds of each other and write to it at the same
 * time (claims, reasons and views) for a bounded time, each a command every 0.1 to 0.5 s: far busier than people. Every answer is 200/201, or 409 retried by the client: no 5xx, and no 503 either (neither {@code busy}
 * from the per-debate lock, which waits its default 3 s, nor a database connection not given in time). Every accepted
 * write is stored, published and projected exactly where its sequence says, and the debate's sequences are contiguous
 * in the event store, on the topic and in the read model, which shows the private debate to its owner and to nobody
 * anonymous.
 * <p>
 * Commands queued on one debate wait for their turn before they take a database connection (the command-service's
 * DebateAdmission), so forty writers do not exhaust its pool of ten; when they held a connection while waiting, the
 * later ones got 503 after LEDGER_DB_CONNECT_TIMEOUT_MS (docs/reliability.md).
 */
@Order(9)
@ExtendWith(ReliabilitySuite.class)
class ManyAccountsReliabilityIT {

    private static final int ACCOUNTS = 40;
    private static final Duration WRITING = Duration.ofSeconds(30);
    /** Each account joins at a random moment within this time after the start. */
    private static final int JOINS_SPREAD_MILLIS = 5_000;
    /** Before each of a client's writes: many writers at once, with room for a 2-core machine to keep up. */
    private static final int PAUSE_MIN_MILLIS = 100;
    private static final int PAUSE_MAX_MILLIS = 500;
    private static final int CLIENT_RETRIES = 10;
    private static final String OWNER = "host";
    private static final Pattern SEQUENCE = Pattern.compile("\"sequence\":(\\d+)");

    @Test
    void fortyAccountsWritingToOnePrivateDebateGetNoServerErrorAndLeaveContiguousSequences() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("9 forty accounts in one private debate");
        RunningLedger ledger = ReliabilitySuite.ledger();
        JsonHttp asOwner = ledger.commandsAs(OWNER);
        Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();

        // The owner opens a private debate (no visibility given), joins it, invites every account and states a claim.
        Answer opened = asOwner.post("/debates", Map.of("title", "forty accounts at once"));
        require(opened, 201, "open the debate");
        String debate = opened.body().get("debateId").asString();
        accepted.add(new Accepted(debate, 1, "DebateOpened", null));
        Answer ownerJoined = asOwner.post("/debates/" + debate + "/participants", Map.of("displayName", "Host"));
        require(ownerJoined, 201, "the owner joins");
        accepted.add(new Accepted(debate, sequence(ownerJoined), "ParticipantJoined", OWNER));
        List<String> handles = new ArrayList<>();
        for (int i = 1; i <= ACCOUNTS; i++) {
            String handle = String.format("writer%02d", i);
            ledger.accounts().tokenOf(handle);
            Answer invited = asOwner.post("/debates/" + debate + "/invitations", Map.of("handle", handle, "role", "member"));
            require(invited, 201, "invite " + handle);
            // the timeline names who acted: the owner who invited
            accepted.add(new Accepted(debate, sequence(invited), "ParticipantInvited", OWNER));
            handles.add(handle);
        }
        Answer firstClaim = asOwner.post("/debates/" + debate + "/claims", Map.of("statement", "Forty writers lose nothing."));
        require(firstClaim, 201, "the first claim");
        String firstClaimId = firstClaim.body().get("claimId").asString();
        accepted.add(new Accepted(debate, sequence(firstClaim), "ClaimStated", firstClaimId));

        List<String> claims = new CopyOnWriteArrayList<>(List.of(firstClaimId));
        Queue<String> wrong = new ConcurrentLinkedQueue<>();
        Queue<Long> latencies = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger conflicts = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(ACCOUNTS);
        CountDownLatch go = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> clients = new ArrayList<>();
        for (String handle : handles) {
            JsonHttp asWriter = ledger.commandsAs(handle);
            Thread client = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                ThreadLocalRandom random = ThreadLocalRandom.current();
                sleepQuietly(random.nextInt(JOINS_SPREAD_MILLIS));
                Answer joined;
                try {
                    joined = asWriter.post("/debates/" + debate + "/participants", Map.of("displayName", "Writer " + handle));
                } catch (IllegalStateException noAnswer) {
                    wrong.add(handle + " join: " + noAnswer.getMessage());
                    return;
                }
                latencies.add(joined.took().toMillis());
                statuses.computeIfAbsent(joined.status(), status -> new AtomicInteger()).incrementAndGet();
                if (joined.status() != 201) {
                    wrong.add(handle + " join: " + joined);
                    return;
                }
                accepted.add(new Accepted(debate, sequence(joined), "ParticipantJoined", handle));
                for (int step = 0; step == 0 || System.nanoTime() < deadline[0]; step++) {
                    sleepQuietly(random.nextInt(PAUSE_MIN_MILLIS, PAUSE_MAX_MILLIS + 1));
                    Write write = nextWrite(debate, handle, step, claims.get(random.nextInt(claims.size())));
                    for (int attempt = 1; ; attempt++) {
                        Answer answer;
                        try {
                            answer = write.put() ? asWriter.put(write.path(), write.body()) : asWriter.post(write.path(), write.body());
                        } catch (IllegalStateException noAnswer) {
                            wrong.add(handle + " step " + step + ": " + noAnswer.getMessage());
                            break;
                        }
                        latencies.add(answer.took().toMillis());
                        statuses.computeIfAbsent(answer.status(), status -> new AtomicInteger()).incrementAndGet();
                        // a concurrency conflict the server did not retry away (texts are unique: never a duplicate reason)
                        if (answer.status() == 409 && answer.isProblem() && attempt < CLIENT_RETRIES) {
                            conflicts.incrementAndGet();
                            sleepQuietly(random.nextInt(5, 50));
                            continue;
                        }
                        if (answer.status() == 200 || answer.status() == 201) {
                            String subject = switch (write.type()) {
                                case "ClaimStated" -> answer.body().path("claimId").asString();
                                case "ReasonProposed" -> answer.body().path("reasonId").asString();
                                default -> handle;
                            };
                            accepted.add(new Accepted(debate, sequence(answer), write.type(), subject));
                            if (write.type().equals("ClaimStated")) {
                                claims.add(subject);
                            }
                        } else {
                            wrong.add(handle + " step " + step + " (" + write.type() + "): " + answer);
                        }
                        break;
                    }
                }
            }, "writer-" + handle);
            clients.add(client);
            client.start();
        }
        ready.await();
        deadline[0] = System.nanoTime() + WRITING.toNanos();
        go.countDown();
        for (Thread client : clients) {
            client.join(WRITING.plusMinutes(2).toMillis());
            assertThat(client.isAlive()).as("%s still running two minutes after its time", client.getName()).isFalse();
        }
        tally.commandsAccepted.set(accepted.size());
        tally.note(latencySummary(latencies) + "; answers " + new TreeMap<>(statuses));
        if (conflicts.get() > 0) {
            tally.note(conflicts.get() + " answered 409 and retried by the client");
        }

        assertThat(wrong).as("answers other than 200/201 (a 5xx is a failure, and so is a 503: the debate's queue grew longer"
                + " than the lock wait or the database connections allow)").isEmpty();
        assertThat(ProjectionCheck.sharedSequences(accepted)).as("accepted commands answered with the same sequence").isEmpty();
        assertThat(accepted.stream().filter(command -> command.type().equals("ParticipantJoined")).count())
                .as("the owner and every invited account joined").isEqualTo(1 + ACCOUNTS);

        long last = ProjectionCheck.storedLastSequences(ledger, List.of(debate)).get(debate);
        assertThat(last).as("events stored = commands accepted (contiguous 1..N, none extra)").isEqualTo(accepted.size());
        List<Long> contiguous = LongStream.rangeClosed(1, last).boxed().toList();

        List<ConsumerRecord<String, String>> records = TopicReader.read(ledger.kafkaBootstrap(), RunningLedger.TOPIC,
                read -> sequencesOnTopic(read, debate).size() >= last, Duration.ofSeconds(60));
        assertThat(sequencesOnTopic(records, debate)).as("the debate's sequences on the topic").containsExactlyElementsOf(contiguous);

        JsonHttp readingAsOwner = ledger.queriesAs(OWNER);
        ProjectionCheck.Result result = ProjectionCheck.check(ledger, readingAsOwner, List.of(debate), accepted, Duration.ofSeconds(120));
        tally.add(result);
        assertThat(result.problems()).as("stored events vs. what the query API shows the owner").isEmpty();
        List<Long> timeline = ProjectionCheck.timeline(readingAsOwner, debate).stream().map(ProjectionCheck.Entry::sequence).toList();
        assertThat(timeline).as("timeline sequences").containsExactlyElementsOf(contiguous);
        assertThat(ledger.queries().get("/debates/" + debate).status()).as("the private debate read anonymously").isEqualTo(404);
    }

    /** One write of a client: every tenth a new claim, a third of the rest reasons, the others views. */
    private record Write(String type, boolean put, String path, Map<String, Object> body) {
    }

    private static Write nextWrite(String debate, String handle, int step, String claimId) {
        if (step % 10 == 9) {
            return new Write("ClaimStated", false, "/debates/" + debate + "/claims",
                    Map.of("statement", handle + "'s claim number " + step));
        }
        if (step % 3 == 1) {
            return new Write("ReasonProposed", false, "/debates/" + debate + "/reasons",
                    Map.of("claimId", claimId, "stance", step % 2 == 0 ? "for" : "against", "text", handle + " reasons at step " + step));
        }
        return new Write("ViewUpdated", true, "/debates/" + debate + "/views/" + claimId,
                Map.of("credence", (step % 101) / 100.0, "rationale", handle + " at step " + step));
    }

    private static Set<Long> sequencesOnTopic(List<ConsumerRecord<String, String>> records, String debate) {
        Set<Long> sequences = new TreeSet<>();
        for (ConsumerRecord<String, String> record : records) {
            if (debate.equals(record.key())) {
                Matcher sequence = SEQUENCE.matcher(record.value());
                sequences.add(sequence.find() ? Long.parseLong(sequence.group(1)) : -1);
            }
        }
        return sequences;
    }

    private static String latencySummary(Queue<Long> latencies) {
        List<Long> sorted = latencies.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return "no answers";
        }
        return String.format("%d answers, latency p50 %d ms, p95 %d ms, p99 %d ms, max %d ms", sorted.size(),
                percentile(sorted, 0.50), percentile(sorted, 0.95), percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1));
    }

    private static long sequence(Answer answer) {
        return answer.body().get("sequence").asLong();
    }

    private static void require(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + " answered " + answer + " instead of " + status);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
