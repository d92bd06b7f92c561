package dev.ledger.bench.figures;

import dev.ledger.bench.BenchRun;
import dev.ledger.bench.BenchSettings;
import dev.ledger.bench.limits.RawJdbcLimit;
import dev.ledger.bench.machine.CpuSnapshot.CpuUsage;
import dev.ledger.bench.machine.JitSettling;
import dev.ledger.bench.machine.ServiceMetrics;
import dev.ledger.bench.report.Figure;
import dev.ledger.bench.workload.Command;
import dev.ledger.bench.workload.DebateSession;
import dev.ledger.bench.workload.EventStoreStats;
import dev.ledger.bench.workload.EventStoreStats.RowSize;
import dev.ledger.bench.workload.LoadRunner.Result;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ledger.bench.BenchRun.format;

/**
 * Figure 1: commands/s accepted (2xx) at 1, 8 and 32 clients through the REST API, each beside the raw limit of
 * the same PostgreSQL: plain JDBC single-row transactions of the same row size at the same concurrency;
 * then the second limit and the command-service's CPU per command ({@link WriteGapFigures}).
 */
public final class ThroughputFigures {

    private static final int SETTLE_CLIENTS = 4;
    private static final Duration SETTLE_STEP = Duration.ofSeconds(10);

    private ThroughputFigures() {
    }

    public static void measure(BenchRun run, EventStoreStats store, RawJdbcLimit raw) throws Exception {
        BenchSettings settings = run.settings;
        List<DebateSession> warm = run.pool(32);
        run.phase("warm-up (32 clients)", () -> run.runner.run(32, settings.warmup(), 0, warm::get, null, null));
        settleJit(run);

        Map<Integer, BenchRun.Phase<Result>> ledger = new LinkedHashMap<>();
        Map<Integer, Double> compiledMillis = new LinkedHashMap<>();
        Map<Command.Kind, Long> mix = new java.util.TreeMap<>();
        for (int clients : BenchSettings.CLIENTS) {
            List<DebateSession> sessions = run.pool(clients);
            ServiceMetrics before = ServiceMetrics.scrape(run.client, run.client.commandUrl());
            BenchRun.Phase<Result> phase = run.phase("write throughput, " + clients + " clients",
                    () -> run.runner.run(clients, settings.throughputPhase(), 0, sessions::get, null, null));
            ServiceMetrics during = ServiceMetrics.scrape(run.client, run.client.commandUrl()).since(before);
            compiledMillis.put(clients, during.available() ? during.compilationMillis() : Double.NaN);
            ledger.put(clients, phase);
            phase.result().acceptedByKind().forEach((kind, count) -> mix.merge(kind, count, Long::sum));
            BenchRun.log(format("  %d clients: %.0f commands/s accepted, %d rejected %s", clients,
                    phase.result().acceptedPerSecond(), phase.result().rejected(), phase.result().rejectedByStatus()));
        }
        long total = mix.values().stream().mapToLong(Long::longValue).sum();
        StringBuilder shares = new StringBuilder();
        mix.forEach((kind, count) -> shares.append(shares.length() == 0 ? "" : ", ")
                .append(kind.name().toLowerCase()).append(format(" %.0f%%", 100.0 * count / Math.max(1, total))));
        run.report.load.put("command mix (accepted, throughput phases)", shares.toString());

        RowSize size = store.recentRowSize();
        run.report.load.put("raw JDBC row size (payload + meta_data bytes, as the event store's recent rows)",
                size.payloadBytes() + " + " + size.metaDataBytes());
        raw.prepare();
        Map<Integer, BenchRun.Phase<Double>> limits = new LinkedHashMap<>();
        WriteGapFigures.BareMvc bareMvc;
        try {
            for (int clients : BenchSettings.CLIENTS) {
                limits.put(clients, run.phase("raw JDBC inserts, " + clients + " connections",
                        () -> raw.insertsPerSecond(clients, settings.rawJdbcPhase(), size.payloadBytes(), size.metaDataBytes())));
                BenchRun.log(format("  raw JDBC %d connections: %.0f inserts/s", clients, limits.get(clients).result()));
            }
            bareMvc = WriteGapFigures.measureBareMvc(run, raw, size);
        } finally {
            raw.cleanUp();
        }

        for (int clients : BenchSettings.CLIENTS) {
            Result result = ledger.get(clients).result();
            double limit = limits.get(clients).result();
            Figure figure = Figure.of("write_throughput_" + clients + "_clients",
                            "Commands accepted (2xx) per second with " + clients + " concurrent client(s), each sending one command "
                                    + "at a time through the REST API, realistic debates (" + format("%.1f", result.seconds()) + " s).",
                            result.acceptedPerSecond(), "commands/s")
                    .withLimit(limit, "plain JDBC inserts of rows of the same size into a scratch table of the same PostgreSQL, "
                            + "one transaction per row, " + clients + " connection(s).");
            figure = figure.withNote(format("p50 command latency %.1f ms, p99 %.1f ms; %d rejected %s; the command-service's JIT "
                            + "compilers worked %.0f ms during the phase.",
                    result.commandLatency().percentileMillis(50), result.commandLatency().percentileMillis(99),
                    result.rejected(), result.rejectedByStatus(), compiledMillis.get(clients)));
            if (clients == 32) {
                boolean met = result.acceptedPerSecond() >= 1000 && figure.ratio() != null && figure.ratio() >= 0.5;
                figure = figure.withTarget(">= 1000 commands/s and ratio >= 0.5", met);
                if (!met) {
                    figure = figure.withBound(bound(ledger.get(clients).cpu(), limits.get(clients).cpu(), result));
                }
            }
            run.report.add(figure);
        }
        WriteGapFigures.add(run, ledger, limits, bareMvc);
    }

    /**
     * On 2 cores, 32 clients leave the JIT compilers little CPU: after a 60 s warm-up they were still compiling the
     * command path (40 % of a core through the 1-client phase that followed, in a full run of 2026-11-29), and the
     * first phases measured them. So the warm-up goes on at a lighter load, in steps, until the command-service's
     * compilers worked less than a tenth of a step (or the budget ends); the report says how long that took.
     */
    private static void settleJit(BenchRun run) throws Exception {
        Duration budget = run.settings.jitSettleBudget();
        if (budget.isZero()) {
            return;
        }
        List<DebateSession> sessions = run.pool(SETTLE_CLIENTS);
        long deadline = System.nanoTime() + budget.toNanos();
        JitSettling settling = run.phase("JIT settling (" + SETTLE_CLIENTS + " clients, up to " + budget.toSeconds() + " s)",
                () -> JitSettling.settle(run.client, run.client.commandUrl(), SETTLE_STEP, deadline,
                        () -> run.runner.run(SETTLE_CLIENTS, SETTLE_STEP, 0, sessions::get, null, null))).result();
        long seconds = settling.steps() * SETTLE_STEP.toSeconds();
        String outcome = !settling.measured()
                ? "the command-service's JIT time could not be read (its /actuator/prometheus)"
                : format("its JIT compilers worked %.0f ms in the last %d s%s", settling.lastStepMillis(), SETTLE_STEP.toSeconds(),
                settling.settled() ? "" : " (the budget ended first)");
        run.report.load.put("warm-up", format("%d s at 32 clients, then %d s at %d clients until the command-service's JIT "
                + "compilers were done: %s", run.settings.warmup().toSeconds(), seconds, SETTLE_CLIENTS, outcome));
        BenchRun.log("  JIT settling: " + seconds + " s; " + outcome);
    }

    static String bound(CpuUsage ledgerCpu, CpuUsage rawCpu, Result result) {
        String verdict = ledgerCpu.machineBusyPercent() >= 85
                ? "CPU-bound: the machine's cores were saturated, so the rate is what the processes below can do with the CPU they got"
                : "not CPU-bound (cores had idle time): the bound is waiting (locks, commits, round trips) rather than work";
        return ledgerCpu.sharedMachineWarning() + verdict + ". During the ledger phase: " + ledgerCpu.describe() + ". During the raw JDBC phase: "
                + rawCpu.describe() + format(". Per command: p50 %.1f ms, p99 %.1f ms at 32 clients.",
                result.commandLatency().percentileMillis(50), result.commandLatency().percentileMillis(99));
    }
}
