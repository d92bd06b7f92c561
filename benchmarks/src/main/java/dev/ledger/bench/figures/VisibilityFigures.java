package dev.ledger.bench.figures;

import dev.ledger.bench.BenchRun;
import dev.ledger.bench.machine.ServiceMetrics;
import dev.ledger.bench.BenchSettings;
import dev.ledger.bench.report.Figure;
import dev.ledger.bench.workload.CommandResult;
import dev.ledger.bench.workload.DebateSession;
import dev.ledger.bench.workload.Latencies;
import dev.ledger.bench.workload.LoadRunner.Result;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import static dev.ledger.bench.BenchRun.format;

/**
 * Figure 2: from a command's 2xx to the query API showing its event, at a steady rate and near saturation; and,
 * during the steady phase, figure 3 (publish lag). Visibility is asked with the query API's own read-your-writes
 * wait: GET /debates/{id}/timeline?after=seq-1&amp;limit=1&amp;minSequence=seq answers as soon as the projection
 * holds the event (it is woken by each projection commit, not polling), or 503 after its 5 s timeout, when it is
 * asked again, up to 30 s after the command's 2xx (6 s in the tiny mode).
 */
public final class VisibilityFigures {

    private static final int CLIENTS = 32;
    /**
     * Every check is a request held open in the query-service until the event is there: checking every command would
     * add as many waiting requests as commands in flight and change what is measured, so only a sample is checked.
     */
    private static final int STEADY_CHECK_ONE_IN = 4;
    private static final int SATURATED_CHECK_ONE_IN = 10;

    private VisibilityFigures() {
    }

    public static void measure(BenchRun run) throws Exception {
        BenchSettings settings = run.settings;
        Visibility steady;
        PublishLagProbe lag = new PublishLagProbe(run.options.kafkaBootstrap(), run.options.topic());
        double[] timerBefore = publishLagTimer(run);
        double[] timerAfter;
        double steadyCatchUp = awaitQuerySideCaughtUp(run, "steady");
        try {
            lag.awaitReady(Duration.ofSeconds(15));
            steady = phase(run, "visibility at " + settings.visibilityRate() + " commands/s", settings.visibilityRate(),
                    STEADY_CHECK_ONE_IN);
        } finally {
            lag.close();
        }
        timerAfter = publishLagTimer(run);
        awaitQuerySideCaughtUp(run, "near saturation");
        Visibility saturated = phase(run, "visibility near saturation (" + CLIENTS + " clients)", 0, SATURATED_CHECK_ONE_IN);

        String catchUp = Double.isNaN(steadyCatchUp)
                ? " Before the phase, the query side had not caught up with the earlier phases' writes within its wait."
                : format(" Before the phase, the query side needed %.1f s to catch up with the earlier phases' writes.", steadyCatchUp);
        String lagSummary = lag.received().count() == 0 ? "publish lag not measured"
                : format("publish lag in the same phase (occurredAt to a consumer receiving it) p50 %.1f ms, p99 %.1f ms: "
                        + "that part is before the query side sees the event", lag.received().percentileMillis(50),
                lag.received().percentileMillis(99));
        add(run, "visibility_latency_steady", steady, lagSummary + "." + catchUp.replaceFirst("\\.$", ""),
                format("at a steady %d commands/s (%d clients paced together; achieved %.0f/s), one command in %d checked",
                        settings.visibilityRate(), CLIENTS, steady.load.acceptedPerSecond(), STEADY_CHECK_ONE_IN), true);
        add(run, "visibility_latency_near_saturation", saturated, lagSummary,
                format("near saturation (%d clients as fast as they go; %.0f commands/s), one command in %d checked",
                        CLIENTS, saturated.load.acceptedPerSecond(), SATURATED_CHECK_ONE_IN), false);

        String how = "Measured from outside: a plain Kafka consumer (assigned partitions, from the end) takes the time it "
                + "received each new record minus the envelope's occurredAt (the Axon event timestamp, set when the command "
                + "applied it, before its commit); same machine and clock, so it is an upper bound of stored-to-on-Kafka "
                + "(it adds the commit and the consumer's fetch).";
        if (lag.received().count() == 0) {
            String why = lag.failure() != null ? lag.failure() : "no record arrived on the topic during the steady phase";
            run.report.add(Figure.notMeasured("publish_lag_p50", "Publish lag, median. " + how, "ms", why));
            run.report.add(Figure.notMeasured("publish_lag_p99", "Publish lag, 99th percentile. " + how, "ms", why));
        } else {
            String note = format("%d events at %d commands/s; the Kafka record timestamps (set by the producer at send) give "
                            + "p50 %.1f ms, p99 %.1f ms after occurredAt.", lag.received().count(), settings.visibilityRate(),
                    lag.recordTimestamp().percentileMillis(50), lag.recordTimestamp().percentileMillis(99));
            if (timerBefore != null && timerAfter != null && timerAfter[1] > timerBefore[1]) {
                note += format(" Cross-check, the command-service's own timer ledger.publish.lag (stored to Kafka's "
                                + "acknowledgement) over the same phase: mean %.1f ms over %.0f events.",
                        1000 * (timerAfter[0] - timerBefore[0]) / (timerAfter[1] - timerBefore[1]), timerAfter[1] - timerBefore[1]);
            }
            run.report.add(Figure.of("publish_lag_p50", "Publish lag, median. " + how, lag.received().percentileMillis(50), "ms").withNote(note));
            run.report.add(Figure.of("publish_lag_p99", "Publish lag, 99th percentile. " + how, lag.received().percentileMillis(99), "ms")
                    .withNote(note));
        }
    }

    /**
     * Waits (bounded) until the query side shows the last event of every debate the load phases wrote, so that a
     * visibility phase does not measure the backlog of the phase before it. Returns the seconds waited, NaN when the
     * wait ran out; both go into the report.
     */
    private static double awaitQuerySideCaughtUp(BenchRun run, String before) throws Exception {
        long start = System.nanoTime();
        long deadline = start + run.settings.visibilityGiveUp().multipliedBy(2).toNanos();
        for (DebateSession session : run.pool(CLIENTS)) {
            DebateSession.WrittenDebate written = session.written();
            if (written == null || written.lastSequence() <= 0) {
                continue;
            }
            String path = "/debates/" + written.debateId() + "/timeline?after=" + (written.lastSequence() - 1)
                    + "&limit=1&minSequence=" + written.lastSequence();
            while (run.client.query(path).statusCode() == 503) {
                if (System.nanoTime() > deadline) {
                    run.report.load.put("query side caught up before visibility (" + before + ")", "no, still behind after "
                            + run.settings.visibilityGiveUp().multipliedBy(2).toSeconds() + " s");
                    return Double.NaN;
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        run.report.load.put("query side caught up before visibility (" + before + ")", format("after %.1f s", seconds));
        BenchRun.log(format("  query side caught up after %.1f s", seconds));
        return seconds;
    }

    /** {sum seconds, count} of the command-service's ledger.publish.lag timer, from /actuator/prometheus; or null. */
    private static double[] publishLagTimer(BenchRun run) {
        ServiceMetrics metrics = ServiceMetrics.scrape(run.client, run.client.commandUrl());
        return metrics.available()
                ? new double[] {metrics.sum("ledger_publish_lag_seconds_sum"), metrics.sum("ledger_publish_lag_seconds_count")}
                : null;
    }

    private record Visibility(Result load, Latencies latencies, long notVisible, long failed, BenchRun.Phase<Result> phase) {
    }

    private static Visibility phase(BenchRun run, String name, int rate, int checkOneIn) throws Exception {
        Latencies latencies = new Latencies();
        LongAdder notVisible = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicLong counter = new AtomicLong();
        ConcurrentLinkedQueue<CompletableFuture<?>> checks = new ConcurrentLinkedQueue<>();
        Consumer<CommandResult> check = result -> {
            if (!result.accepted() || result.sequence() <= 0 || result.debateId() == null
                    || counter.incrementAndGet() % checkOneIn != 0) {
                return;
            }
            long seq = result.sequence();
            String path = "/debates/" + result.debateId() + "/timeline?after=" + (seq - 1) + "&limit=1&minSequence=" + seq;
            CompletableFuture<Void> done = new CompletableFuture<>();
            checks.add(done);
            checkUntilVisible(run, path, result.answeredNanos(), latencies, notVisible, failed, done);
        };
        List<DebateSession> sessions = run.pool(CLIENTS);
        BenchRun.Phase<Result> phase = run.phase(name, () -> {
            Result result = run.runner.run(CLIENTS, run.settings.visibilityPhase(), rate, sessions::get, null, check);
            for (CompletableFuture<?> pending : checks) {
                try {
                    pending.get(run.settings.visibilityGiveUp().toSeconds() + 10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // counted as failed by its own handler
                }
            }
            return result;
        });
        BenchRun.log(format("  %s: %.0f commands/s, %d checked, visibility p99 %.1f ms", name,
                phase.result().acceptedPerSecond(), latencies.count(), latencies.percentileMillis(99)));
        return new Visibility(phase.result(), latencies, notVisible.sum(), failed.sum(), phase);
    }

    /**
     * Asks until the event is visible: the query waits up to its own timeout (5 s) and answers 503 when the projection
     * has not reached the sequence yet; then it is asked again, until the settings' visibilityGiveUp after the command's 2xx.
     */
    private static void checkUntilVisible(BenchRun run, String path, long answeredNanos, Latencies latencies,
                                          LongAdder notVisible, LongAdder failed, CompletableFuture<Void> done) {
        long askedNanos = System.nanoTime();
        run.client.queryAsync(path).whenComplete((response, error) -> {
            long now = System.nanoTime();
            if (error != null) {
                failed.increment();
                done.complete(null);
            } else if (response.statusCode() == 200) {
                latencies.add(now - answeredNanos);
                done.complete(null);
            } else if (response.statusCode() == 503 && now - answeredNanos < run.settings.visibilityGiveUp().toNanos()) {
                // A 503 well before the query's own wait ended did not wait (too many requests waiting already):
                // asking again at once would only add to that load, so wait as the answer's Retry-After says.
                long delayMillis = now - askedNanos < BUSY_ANSWER_NANOS ? retryAfterMillis(response) : 0;
                CompletableFuture.runAsync(() -> checkUntilVisible(run, path, answeredNanos, latencies, notVisible, failed, done),
                        CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
            } else if (response.statusCode() == 503) {
                notVisible.increment();
                latencies.add(now - answeredNanos);
                done.complete(null);
            } else {
                failed.increment();
                done.complete(null);
            }
        });
    }

    /** The query's own wait is 5 s; an answer much sooner than that did not wait. */
    private static final long BUSY_ANSWER_NANOS = 1_000_000_000L;

    private static long retryAfterMillis(HttpResponse<?> response) {
        try {
            return Math.min(5_000, Math.max(0, 1_000 * Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"))));
        } catch (NumberFormatException e) {
            return 1_000;
        }
    }

    private static void add(BenchRun run, String name, Visibility v, String lagSummary, String how, boolean withTarget) {
        String description = "From a command's 2xx to the query API showing its event, " + how + ".";
        String note = format("%d commands checked; %d still not visible %d s after their 2xx (counted with the time waited); "
                + "%d checks failed otherwise.", v.latencies.count(), v.notVisible, run.settings.visibilityGiveUp().toSeconds(), v.failed);
        double[] ps = {50, 95, 99, 100};
        String[] labels = {"p50", "p95", "p99", "max"};
        for (int i = 0; i < ps.length; i++) {
            if (v.latencies.count() == 0) {
                run.report.add(Figure.notMeasured(name + "_" + labels[i], description, "ms", "no command could be checked"));
                continue;
            }
            Figure figure = Figure.of(name + "_" + labels[i], description + " " + labels[i] + ".",
                    v.latencies.percentileMillis(ps[i]), "ms").withNote(note);
            if (withTarget && labels[i].equals("p99")) {
                boolean met = figure.value() != null && figure.value() <= 100;
                figure = figure.withTarget("<= 100 ms", met);
                if (!met) {
                    figure = figure.withBound(v.phase.cpu().sharedMachineWarning() + "During the phase: " + v.phase.cpu().describe() + format(
                            ". Command latency itself: p50 %.1f ms, p99 %.1f ms. Of the visibility time, the %s; the rest is "
                                    + "the query-service consuming and applying it.",
                            v.load.commandLatency().percentileMillis(50), v.load.commandLatency().percentileMillis(99), lagSummary));
                }
            }
            run.report.add(figure);
        }
    }
}
