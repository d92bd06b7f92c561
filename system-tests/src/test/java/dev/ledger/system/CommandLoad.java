package dev.ledger.system;

import dev.ledger.system.JsonHttp.Answer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * A steady stream of ordinary commands, one client thread per debate: participants update their view on the
 * debate's claim (each time a new rationale, so never a no-op retry) and every fifth command proposes a new
 * reason. Records every accepted command with the sequence the command-service answered.
 */
final class CommandLoad {

    record Debate(String id, String claimId, List<String> participants) {
    }

    final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    final Queue<String> refused = new ConcurrentLinkedQueue<>();
    final AtomicInteger sent = new AtomicInteger();
    private final JsonHttp commands;
    /** The command-service instances the load's commands go to, in turn; empty: all to {@link #commands}. */
    private final List<JsonHttp> instances = new java.util.concurrent.CopyOnWriteArrayList<>();

    CommandLoad(JsonHttp commands) {
        this.commands = commands;
    }

    /**
     * A load spread over several command-service instances, as a load balancer spreads it: each client sends its
     * commands to the instances in turn (debates are opened through the first).
     */
    CommandLoad(List<JsonHttp> instances) {
        this(instances.get(0));
        this.instances.addAll(instances);
    }

    /** Sends nothing more to {@code instance} (a load balancer noticing it is gone). */
    void stopSendingTo(JsonHttp instance) {
        instances.remove(instance);
    }

    /**
     * Opens a public debate (any account joins it, anyone reads it) with {@code participants} participants and one
     * claim, recording each accepted command.
     */
    Debate openDebate(String title, int participants) {
        Answer opened = commands.post("/debates", Map.of("title", title, "visibility", "public"));
        require(opened, 201, "open debate " + title);
        String debate = opened.body().get("debateId").asString();
        accepted.add(new Accepted(debate, 1, "DebateOpened", null));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < participants; i++) {
            String name = String.format("p%02d", i);
            Answer joined = commands.post("/debates/" + debate + "/participants", Map.of("participantId", name, "displayName", "Participant " + i));
            require(joined, 201, "join " + name);
            accepted.add(new Accepted(debate, joined.body().get("sequence").asLong(), "ParticipantJoined", name));
            names.add(name);
        }
        Answer claim = commands.post("/debates/" + debate + "/claims",
                Map.of("statement", "Claim of " + title + ": retries are safe", "by", names.get(0)));
        require(claim, 201, "state claim");
        String claimId = claim.body().get("claimId").asString();
        accepted.add(new Accepted(debate, claim.body().get("sequence").asLong(), "ClaimStated", claimId));
        return new Debate(debate, claimId, names);
    }

    /** Runs {@code perDebate} commands on each debate (one thread each) unless {@code keepGoing} turns false first. */
    Thread start(List<Debate> debates, int perDebate, Duration pause, BooleanSupplier keepGoing) {
        return start(debates, 1, perDebate, pause, keepGoing);
    }

    /** The same with {@code clientsPerDebate} clients writing to each debate at once, each {@code perDebate} commands. */
    Thread start(List<Debate> debates, int clientsPerDebate, int perDebate, Duration pause, BooleanSupplier keepGoing) {
        Thread runner = new Thread(() -> {
            List<Thread> clients = new ArrayList<>();
            for (Debate debate : debates) {
                for (int c = 0; c < clientsPerDebate; c++) {
                    int clientNumber = c;
                    Thread client = new Thread(() -> drive(debate, clientNumber, perDebate, pause, keepGoing),
                            "load-" + debate.id() + "-" + c);
                    clients.add(client);
                    client.start();
                }
            }
            for (Thread client : clients) {
                try {
                    client.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "command-load");
        runner.start();
        return runner;
    }

    void run(List<Debate> debates, int perDebate) throws InterruptedException {
        start(debates, perDebate, Duration.ZERO, () -> true).join();
    }

    private void drive(Debate debate, int clientNumber, int count, Duration pause, BooleanSupplier keepGoing) {
        // a second client's texts differ from the first's, so neither repeats the other's view or reason
        String step = clientNumber == 0 ? "step " : "client " + clientNumber + " step ";
        for (int i = 0; i < count && keepGoing.getAsBoolean(); i++) {
            String participant = debate.participants().get(i % debate.participants().size());
            List<JsonHttp> now = List.copyOf(instances);
            JsonHttp commands = now.isEmpty() ? this.commands : now.get((i + clientNumber) % now.size());
            sent.incrementAndGet();
            try {
                if (i % 5 == 4) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("claimId", debate.claimId());
                    body.put("stance", i % 2 == 0 ? "for" : "against");
                    body.put("text", "Reason " + step.replace("step ", "") + i + " from " + participant + " in " + debate.id());
                    body.put("by", participant);
                    Answer answer = commands.post("/debates/" + debate.id() + "/reasons", body);
                    if (answer.status() == 201) {
                        accepted.add(new Accepted(debate.id(), answer.body().get("sequence").asLong(), "ReasonProposed",
                                answer.body().get("reasonId").asString()));
                    } else {
                        refused.add("reason in " + debate.id() + ": " + answer);
                    }
                } else {
                    double credence = ((i * 37L + 11) % 101) / 100.0;
                    Answer answer = commands.put("/debates/" + debate.id() + "/participants/" + participant + "/views/" + debate.claimId(),
                            Map.of("credence", credence, "rationale", step + i));
                    if (answer.status() == 200) {
                        accepted.add(new Accepted(debate.id(), answer.body().get("sequence").asLong(), "ViewUpdated", participant));
                    } else {
                        refused.add("view in " + debate.id() + ": " + answer);
                    }
                }
            } catch (IllegalStateException e) {
                refused.add("no answer in " + debate.id() + ": " + e.getMessage());
            }
            if (!pause.isZero()) {
                try {
                    Thread.sleep(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    List<Accepted> acceptedIn(List<Debate> debates) {
        List<String> ids = debates.stream().map(Debate::id).toList();
        return accepted.stream().filter(command -> ids.contains(command.debateId())).toList();
    }

    static List<String> ids(List<Debate> debates) {
        return debates.stream().map(Debate::id).toList();
    }

    private static void require(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new AssertionError(what + " answered " + answer + " instead of " + status);
        }
    }
}
