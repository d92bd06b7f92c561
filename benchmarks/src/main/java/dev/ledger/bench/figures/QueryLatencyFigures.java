package dev.ledger.bench.figures;

import dev.ledger.bench.BenchRun;
import dev.ledger.bench.machine.JitSettling;
import dev.ledger.bench.machine.ServiceMetrics;
import dev.ledger.bench.report.Figure;
import dev.ledger.bench.workload.DebateSession.WrittenDebate;
import dev.ledger.bench.workload.EventStoreStats;
import dev.ledger.bench.workload.Latencies;
import dev.ledger.bench.workload.LedgerClient.QueryAnswer;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

import static dev.ledger.bench.BenchRun.format;

/**
 * Figure 6: latency of the main queries, one client, on debates and participants picked at random among
 * everything this run wrote (debates of realistic size; the big debate of figure 5 is left out).
 */
public final class QueryLatencyFigures {

    private static final Duration SETTLE_STEP = Duration.ofSeconds(5);

    private QueryLatencyFigures() {
    }

    public static void measure(BenchRun run, EventStoreStats store) throws Exception {
        List<WrittenDebate> debates = run.writtenDebates().stream()
                .filter(d -> d.lastSequence() <= 2 * run.settings.eventsPerDebate()).toList();
        long events = store.events();
        long participants = store.participants();
        long debateCount = store.debates();
        run.report.load.put("event store at the query figures: events", events);
        run.report.load.put("event store at the query figures: participants (joins)", participants);
        run.report.load.put("event store at the query figures: debates", debateCount);
        String scale = format("Measured with %,d events, %,d participants (joins) and %,d debates in the ledger (the issue asks "
                + "for 1,000,000 events and 10,000 participants).", events, participants, debateCount);

        Map<String, Function<Pick, String>> queries = new LinkedHashMap<>();
        queries.put("beliefs", p -> "/debates/" + p.debate.debateId() + "/participants/" + p.participant() + "/beliefs");
        queries.put("history", p -> "/debates/" + p.debate.debateId() + "/participants/" + p.participant() + "/history");
        queries.put("beliefs_as_of", p -> "/debates/" + p.debate.debateId() + "/participants/" + p.participant()
                + "/beliefs?asOf=" + p.midpoint());
        queries.put("debate_overview", p -> "/debates/" + p.debate.debateId());
        Map<String, Latencies> latencies = new LinkedHashMap<>();
        Map<String, Long> failures = new LinkedHashMap<>();
        Map<String, Long> bytes = new LinkedHashMap<>();
        queries.keySet().forEach(q -> {
            latencies.put(q, new Latencies());
            failures.put(q, 0L);
        });
        if (debates.isEmpty()) {
            queries.keySet().forEach(q -> {
                run.report.add(Figure.notMeasured("query_latency_" + q + "_p50", "Query latency", "ms", "no debate was written"));
                run.report.add(Figure.notMeasured("query_latency_" + q + "_p99", "Query latency", "ms", "no debate was written"));
            });
            return;
        }
        Random random = new Random(7);
        ServiceMetrics[] serverSide = new ServiceMetrics[2];
        String[] warmUp = new String[1];
        BenchRun.Phase<Void> phase = run.phase("query latency (1 client)", () -> {
            warmUp[0] = warmUp(run, queries.values(), () -> randomPick(debates, random));
            serverSide[0] = ServiceMetrics.scrape(run.client, run.client.queryUrl());
            long cap = System.nanoTime() + run.settings.sampleTimeCap().toNanos();
            for (int i = 0; i < run.settings.querySamples() && (i < 5 || System.nanoTime() < cap); i++) {
                for (Map.Entry<String, Function<Pick, String>> query : queries.entrySet()) {
                    String path = query.getValue().apply(randomPick(debates, random));
                    long start = System.nanoTime();
                    QueryAnswer answer = run.client.queryOnThisThread(path);
                    long took = System.nanoTime() - start;
                    if (answer.status() == 200) {
                        latencies.get(query.getKey()).add(took);
                        bytes.merge(query.getKey(), (long) answer.bytes(), Long::sum);
                    } else {
                        failures.merge(query.getKey(), 1L, Long::sum);
                    }
                }
            }
            serverSide[1] = ServiceMetrics.scrape(run.client, run.client.queryUrl());
            return null;
        });
        ServerSide server = serverSide[0] == null ? ServerSide.NONE : ServerSide.of(serverSide[1].since(serverSide[0]));
        for (String q : queries.keySet()) {
            Latencies l = latencies.get(q);
            String description = "Latency of GET " + path(q) + " (one client, sequential, on a blocking HTTP client, random debate "
                    + "and participant among " + debates.size() + " debates this run wrote).";
            double meanBytes = l.count() == 0 ? 0.0 : (double) bytes.getOrDefault(q, 0L) / l.count();
            String note = scale + format(" %d answered 200 (%,.0f bytes on average), %d not; measured %s.", l.count(), meanBytes,
                    failures.get(q), warmUp[0])
                    + server.describe(uri(q));
            run.report.add(Figure.of("query_latency_" + q + "_p50", description + " Median.", l.percentileMillis(50), "ms").withNote(note));
            Figure p99 = Figure.of("query_latency_" + q + "_p99", description + " 99th percentile.", l.percentileMillis(99), "ms")
                    .withNote(note);
            boolean met = p99.value() != null && p99.value() <= 10;
            p99 = p99.withTarget("<= 10 ms", met);
            if (!met) {
                p99 = p99.withBound(phase.cpu().sharedMachineWarning() + format("One client and no other load from this "
                        + "benchmark (median %.1f ms, max %.1f ms at the client; answers of %,.0f bytes on average).",
                        l.percentileMillis(50), l.maxMillis(), meanBytes)
                        + server.describe(uri(q)) + server.pausesAndCompilation()
                        + format(" During the phase: %s.", phase.cpu().describe()));
            }
            run.report.add(p99);
        }
    }

    /**
     * Sends the queries unmeasured for the warm-up's length, then on in steps of {@link #SETTLE_STEP} until the
     * query-service's JIT compilers worked less than a tenth of a step, for at most three times the warm-up's
     * length: the query paths run for the first time here, and a 20 s warm-up left the compilers working 3.9 s of
     * the measured phase. Says what it did, for the figures' notes.
     */
    private static String warmUp(BenchRun run, Collection<Function<Pick, String>> queries, Supplier<Pick> picks) throws Exception {
        long start = System.nanoTime();
        long minimum = start + run.settings.queryWarmup().toNanos();
        long cap = start + 3 * run.settings.queryWarmup().toNanos();
        sendUntil(run, queries, picks, minimum);
        JitSettling settling = JitSettling.settle(run.client, run.client.queryUrl(), SETTLE_STEP, cap,
                () -> sendUntil(run, queries, picks, Math.min(cap, System.nanoTime() + SETTLE_STEP.toNanos())));
        double seconds = (System.nanoTime() - start) / 1e9;
        return !settling.measured()
                ? format("after %.0f s of the same queries unmeasured", seconds)
                : format("after %.0f s of the same queries unmeasured (at least %d s, then until the query-service's JIT compilers "
                        + "worked under a tenth of %d s, at most %d s: they worked %.0f ms in the last step)", seconds,
                run.settings.queryWarmup().toSeconds(), SETTLE_STEP.toSeconds(), 3 * run.settings.queryWarmup().toSeconds(),
                settling.lastStepMillis());
    }

    private static void sendUntil(BenchRun run, Collection<Function<Pick, String>> queries, Supplier<Pick> picks, long until)
            throws Exception {
        while (System.nanoTime() < until) {
            for (Function<Pick, String> query : queries) {
                run.client.queryOnThisThread(query.apply(picks.get()));
            }
        }
    }

    /** The route the query-service's http.server.requests timer files the query under. */
    private static String uri(String query) {
        return switch (query) {
            case "beliefs", "beliefs_as_of" -> "/debates/{debateId}/participants/{participantId}/beliefs";
            case "history" -> "/debates/{debateId}/participants/{participantId}/history";
            default -> "/debates/{debateId}";
        };
    }

    /**
     * What the query-service itself measured over the same requests (its http.server.requests timer, from the
     * request reaching Spring to the answer written, with a bucket at 10 ms), and the JVM's pauses and compilation
     * in that time: separates time spent inside the service from time in the client, the network stack and the
     * wait for a core.
     */
    private record ServerSide(ServiceMetrics during) {

        static final ServerSide NONE = new ServerSide(null);

        static ServerSide of(ServiceMetrics during) {
            return new ServerSide(during.available() ? during : null);
        }

        String describe(String uri) {
            if (during == null) {
                return "";
            }
            String route = "uri=\"" + uri + "\"";
            double all = during.sum("http_server_requests_seconds_bucket", labels -> labels.contains(route) && labels.contains("le=\"+Inf\""));
            double within = during.sum("http_server_requests_seconds_bucket", labels -> labels.contains(route) && labels.contains("le=\"0.01\""));
            double seconds = during.sum("http_server_requests_seconds_sum", labels -> labels.contains(route));
            if (all == 0) {
                return " The query-service's http.server.requests timer has no 10 ms bucket for " + uri + " (or did not answer).";
            }
            return format(" Inside the query-service (its http.server.requests timer, same requests, all %s answers): "
                    + "%.2f%% within 10 ms, mean %.2f ms.", uri, 100 * within / all, 1000 * seconds / all);
        }

        String pausesAndCompilation() {
            if (during == null) {
                return "";
            }
            return format(" In the query-service's JVM during the phase: %.0f GC pauses, %.0f ms in all; the JIT compilers "
                            + "worked %.0f ms.", during.sum("jvm_gc_pause_seconds_count"), 1000 * during.sum("jvm_gc_pause_seconds_sum"),
                    during.compilationMillis());
        }
    }

    private static String path(String query) {
        return switch (query) {
            case "beliefs" -> "/debates/{id}/participants/{p}/beliefs";
            case "history" -> "/debates/{id}/participants/{p}/history";
            case "beliefs_as_of" -> "/debates/{id}/participants/{p}/beliefs?asOf={halfway between the participant joining and the debate's last write}";
            default -> "/debates/{id}";
        };
    }

    private static Pick randomPick(List<WrittenDebate> debates, Random random) {
        WrittenDebate debate = debates.get(random.nextInt(debates.size()));
        return new Pick(debate, random.nextInt(debate.participants().size()));
    }

    private record Pick(WrittenDebate debate, int index) {
        String participant() {
            return debate.participants().get(index);
        }

        /** Halfway between the participant's joining and the debate's last write: a moment they were in it. */
        Instant midpoint() {
            Instant joined = debate.joinedAt().get(index);
            return joined.plus(Duration.between(joined, debate.lastWriteAt()).dividedBy(2));
        }
    }
}
