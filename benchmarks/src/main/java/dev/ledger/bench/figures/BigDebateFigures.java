package dev.ledger.bench.figures;

import dev.ledger.bench.BenchRun;
import dev.ledger.bench.report.Figure;
import dev.ledger.bench.workload.Command;
import dev.ledger.bench.workload.DebateSession;
import dev.ledger.bench.workload.Latencies;

import java.io.IOException;
import java.net.http.HttpResponse;

import static dev.ledger.bench.BenchRun.format;

/**
 * Figure 5: a debate is filled (4 clients on it, realistic commands) up to the target number of events or the
 * time budget; then one client sends commands alternately to it and to a fresh debate, and their latencies are
 * compared. Event sourcing that reloads the whole history for each command would make the big one slow.
 */
public final class BigDebateFigures {

    private static final int FILL_CLIENTS = 4;

    private BigDebateFigures() {
    }

    public static void measure(BenchRun run) throws Exception {
        DebateSession big = run.newSession(Long.MAX_VALUE);
        long target = run.settings.bigDebateEvents();
        run.phase("fill the big debate (" + FILL_CLIENTS + " clients, up to " + target + " events)",
                () -> run.runner.run(FILL_CLIENTS, run.settings.bigDebateFillBudget(), 0, i -> big,
                        () -> big.lastSequence() >= target, null));
        long reached = big.lastSequence();
        BenchRun.log("  big debate holds " + reached + " events");

        DebateSession fresh = run.newSession(Long.MAX_VALUE);
        while (fresh.lastSequence() < 10) {
            send(run, fresh, null);
        }
        Latencies bigLatency = new Latencies();
        Latencies freshLatency = new Latencies();
        run.phase("big vs fresh debate, 1 client alternating", () -> {
            long cap = System.nanoTime() + run.settings.sampleTimeCap().toNanos();
            for (int i = 0; i < run.settings.bigDebateSamples() && System.nanoTime() < cap; i++) {
                send(run, big, bigLatency);
                send(run, fresh, freshLatency);
            }
            return null;
        });
        String description = "Command latency (one client, commands alternating between the two debates) on a debate that "
                + "already holds " + reached + " events";
        String limit = "the same on a fresh debate (about 10 events before the measured commands).";
        String note = format("%d commands on each; the big debate was filled to %d events (target %d).",
                bigLatency.count(), reached, target);
        Figure p50 = Figure.of("big_debate_command_latency_p50", description + ", median.", bigLatency.percentileMillis(50), "ms")
                .withLimit(freshLatency.percentileMillis(50), "median " + limit).withNote(note);
        p50 = p50.withTarget("ratio <= 1.5", p50.ratio() != null && p50.ratio() <= 1.5);
        if (Boolean.FALSE.equals(p50.met())) {
            p50 = p50.withBound(run.sampler.sharedMachineWarning() + format("The same client, the same command mix, alternating: the only difference is the history "
                    + "behind the command (%d events), so the extra time is loading the aggregate (snapshot + events since) "
                    + "or its size in memory; big p99 %.1f ms vs fresh p99 %.1f ms.", reached,
                    bigLatency.percentileMillis(99), freshLatency.percentileMillis(99)));
        }
        run.report.add(p50);
        run.report.add(Figure.of("big_debate_command_latency_p99", description + ", 99th percentile.",
                        bigLatency.percentileMillis(99), "ms")
                .withLimit(freshLatency.percentileMillis(99), "99th percentile " + limit).withNote(note));
        run.report.load.put("big debate: events", reached);
    }

    private static void send(BenchRun run, DebateSession session, Latencies latencies) throws IOException, InterruptedException {
        Command command = session.next();
        while (command == null) {
            Thread.sleep(1);
            command = session.next();
        }
        run.client.ensureAccountOf(command);
        long start = System.nanoTime();
        HttpResponse<String> response = run.client.send(command);
        long took = System.nanoTime() - start;
        session.apply(command, response.statusCode(), response.body());
        if (latencies != null && response.statusCode() >= 200 && response.statusCode() < 300) {
            latencies.add(took);
        }
    }
}
