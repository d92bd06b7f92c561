package dev.ledger.bench.figures;

import dev.ledger.bench.BenchRun;
import dev.ledger.bench.BenchRun.Phase;
import dev.ledger.bench.BenchSettings;
import dev.ledger.bench.limits.BareMvcLimit;
import dev.ledger.bench.limits.Completions;
import dev.ledger.bench.limits.RawJdbcLimit;
import dev.ledger.bench.report.Figure;
import dev.ledger.bench.workload.EventStoreStats.RowSize;
import dev.ledger.bench.workload.LoadRunner.Result;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.ledger.bench.BenchRun.format;

/**
 * Splits the gap between the raw JDBC limit and the ledger's writes at 1, 8 and 32 clients. The second limit is
 * the raw JDBC limit's insert behind a bare Spring MVC endpoint on the command-service's stack: raw JDBC to it is
 * what the HTTP stack costs, it to the ledger what the ledger's own path costs. Beside them, the command-service's
 * CPU time per accepted command in each write throughput phase.
 */
final class WriteGapFigures {

    /** Issue 12: half the 1.4 ms per command, and double the 0.156 ratio, of the full run of 2026-11-29 on 2 cores. */
    static final double CPU_PER_COMMAND_TARGET_MS = 0.7;
    static final double RAW_JDBC_RATIO_TARGET = 0.312;

    private static final String COMMAND_SERVICE = "command-service";

    /** The bare endpoint's phases by clients, or why there are none. */
    record BareMvc(Map<Integer, Phase<Completions>> phases, String missing) {
    }

    private WriteGapFigures() {
    }

    /** Runs the bare Spring MVC limit on the raw JDBC limit's scratch table, which must exist. */
    static BareMvc measureBareMvc(BenchRun run, RawJdbcLimit raw, RowSize size) throws InterruptedException {
        Map<Integer, Phase<Completions>> phases = new LinkedHashMap<>();
        Duration length = run.settings.rawJdbcPhase();
        try (BareMvcLimit bare = BareMvcLimit.start(raw, size.metaDataBytes())) {
            run.report.load.put("bare Spring MVC endpoint (its own JVM, " + BareMvcLimit.HEAP + ")", bare.url() + ", pid " + bare.pid());
            Map<String, Long> endpoint = Map.of(BareMvcLimit.PART, bare.pid());
            // As the ledger's warm-up: the JIT compilers finish with the endpoint's path before it is measured.
            run.phase("bare Spring MVC warm-up (32 clients)", endpoint,
                    () -> bare.inserts(run.client, 32, length.multipliedBy(2), size.payloadBytes()));
            for (int clients : BenchSettings.CLIENTS) {
                phases.put(clients, run.phase("bare Spring MVC inserts, " + clients + " clients", endpoint,
                        () -> bare.inserts(run.client, clients, length, size.payloadBytes())));
                BenchRun.log(format("  bare Spring MVC %d clients: %.0f inserts/s", clients, phases.get(clients).result().perSecond()));
            }
            return new BareMvc(phases, null);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            BenchRun.log("bare Spring MVC limit failed: " + e);
            run.report.notes.add("The bare Spring MVC limit failed: " + e.getMessage());
            return new BareMvc(Map.of(), "the bare Spring MVC limit failed (see notes)");
        }
    }

    static void add(BenchRun run, Map<Integer, Phase<Result>> ledger, Map<Integer, Phase<Double>> rawJdbc, BareMvc bareMvc) {
        Duration length = run.settings.rawJdbcPhase();
        for (int clients : BenchSettings.CLIENTS) {
            run.report.add(bareMvcThroughput(clients, bareMvc, rawJdbc.get(clients).result(), length));
        }
        for (int clients : BenchSettings.CLIENTS) {
            run.report.add(ratioToRawJdbc(clients, ledger.get(clients), rawJdbc.get(clients), bareMvc));
        }
        for (int clients : BenchSettings.CLIENTS) {
            run.report.add(ratioToBareMvc(clients, ledger.get(clients).result(), bareMvc));
        }
        for (int clients : BenchSettings.CLIENTS) {
            run.report.add(cpuPerCommand(clients, ledger.get(clients), bareMvc.phases().get(clients)));
        }
    }

    private static Figure bareMvcThroughput(int clients, BareMvc bareMvc, double rawJdbc, Duration length) {
        String name = "bare_mvc_write_throughput_" + clients + "_clients";
        String description = "Inserts answered 201 per second by a bare Spring MVC endpoint on the command-service's stack "
                + "(Spring Boot, Spring MVC on Tomcat, Jackson, a Spring JDBC transaction on HikariCP, all at their defaults; "
                + "its own JVM with " + BareMvcLimit.HEAP + " on 127.0.0.1, nothing of the ledger) with " + clients + " concurrent client(s) "
                + "of the harness, each sending one JSON request at a time; each request inserts the raw JDBC limit's row "
                + "in one transaction (" + length.toMillis() / 1000.0 + " s, after a warm-up of twice that). Its ratio is "
                + "what the HTTP stack keeps of raw JDBC.";
        Phase<Completions> phase = bareMvc.phases().get(clients);
        if (phase == null) {
            return Figure.notMeasured(name, description, "inserts/s", bareMvc.missing());
        }
        Figure figure = Figure.of(name, description, phase.result().perSecond(), "inserts/s")
                .withLimit(rawJdbc, "plain JDBC inserts of the same rows, one transaction per row, " + clients + " connection(s).");
        double cpuMillis = cpuMillisPer(phase.cpu().cpuSeconds(BareMvcLimit.PART), phase.result().count());
        return Double.isNaN(cpuMillis) ? figure
                : figure.withNote(format("The endpoint's process used %.2f ms of CPU per insert (%.0f%% of a core).", cpuMillis,
                phase.cpu().percentOfOneCoreByPart().get(BareMvcLimit.PART)));
    }

    private static Figure ratioToRawJdbc(int clients, Phase<Result> ledger, Phase<Double> rawJdbc, BareMvc bareMvc) {
        double commands = ledger.result().acceptedPerSecond();
        Figure figure = Figure.of("write_ratio_to_raw_jdbc_" + clients + "_clients",
                        "Commands accepted per second by the ledger with " + clients + " client(s) divided by the raw JDBC "
                                + "limit's inserts per second with " + clients + " connection(s): the ratio of write_throughput_"
                                + clients + "_clients, as a figure of its own.",
                        commands / rawJdbc.result(), "x raw JDBC")
                .withNote(format("%,.0f commands/s against %,.0f inserts/s.", commands, rawJdbc.result()));
        if (clients != 32) {
            return figure;
        }
        boolean met = figure.value() != null && figure.value() >= RAW_JDBC_RATIO_TARGET;
        figure = figure.withTarget(">= " + RAW_JDBC_RATIO_TARGET + " (double the 0.156 of the full run of 2026-11-29)", met);
        if (met) {
            return figure;
        }
        Phase<Completions> bare = bareMvc.phases().get(clients);
        String split = bare == null ? ""
                : format("Of the gap, the HTTP stack alone keeps %.2f of raw JDBC (bare Spring MVC, 32 clients) and the "
                + "ledger's own path %.2f of that. ", bare.result().perSecond() / rawJdbc.result(),
                commands / bare.result().perSecond());
        return figure.withBound(split + ThroughputFigures.bound(ledger.cpu(), rawJdbc.cpu(), ledger.result()));
    }

    private static Figure ratioToBareMvc(int clients, Result ledger, BareMvc bareMvc) {
        String name = "write_ratio_to_bare_mvc_" + clients + "_clients";
        String description = "Commands accepted per second by the ledger with " + clients + " client(s) divided by the bare "
                + "Spring MVC endpoint's inserts per second with as many clients: what the ledger's own path keeps of what "
                + "its HTTP stack can write.";
        Phase<Completions> bare = bareMvc.phases().get(clients);
        if (bare == null) {
            return Figure.notMeasured(name, description, "x bare MVC", bareMvc.missing());
        }
        return Figure.of(name, description, ledger.acceptedPerSecond() / bare.result().perSecond(), "x bare MVC")
                .withNote(format("%,.0f commands/s against %,.0f inserts/s.", ledger.acceptedPerSecond(), bare.result().perSecond()));
    }

    private static Figure cpuPerCommand(int clients, Phase<Result> ledger, Phase<Completions> bare) {
        String name = "command_service_cpu_per_command_" + clients + "_clients";
        String description = "CPU time (user and system, every thread: requests, Axon, the publisher to Kafka, GC, JIT) the "
                + "command-service process used during the " + clients + "-client write throughput phase, from /proc/PID/stat, "
                + "divided by the commands it accepted in that phase.";
        long accepted = ledger.result().accepted();
        double millis = cpuMillisPer(ledger.cpu().cpuSeconds(COMMAND_SERVICE), accepted);
        if (Double.isNaN(millis)) {
            return Figure.notMeasured(name, description, "ms", accepted == 0 ? "no command was accepted in the phase"
                    : "no command-service process found to read its CPU time (no pid file, no -Dledger.part=command-service, or no /proc)");
        }
        Figure figure = Figure.of(name, description, millis, "ms").withNote(format("%.0f%% of a core over %.1f s, %,d commands accepted.",
                ledger.cpu().percentOfOneCoreByPart().get(COMMAND_SERVICE), ledger.cpu().seconds(), accepted));
        double bareMillis = bare == null ? Double.NaN : cpuMillisPer(bare.cpu().cpuSeconds(BareMvcLimit.PART), bare.result().count());
        String split = Double.isNaN(bareMillis) ? ""
                : format("The bare Spring MVC endpoint used %.2f ms per insert at %d client(s): the HTTP stack's share.", bareMillis, clients);
        figure = split.isEmpty() ? figure : figure.withNote(split);
        if (clients != 32) {
            return figure;
        }
        boolean met = millis <= CPU_PER_COMMAND_TARGET_MS;
        figure = figure.withTarget("<= " + CPU_PER_COMMAND_TARGET_MS + " ms (half the 1.4 ms of the full run of 2026-11-29)", met);
        return met ? figure : figure.withBound(ledger.cpu().sharedMachineWarning() + split
                + (split.isEmpty() ? "" : format(" The rest, about %.2f ms per command, is the ledger's own path. ", millis - bareMillis))
                + "During the phase: " + ledger.cpu().describe() + ".");
    }

    /** Milliseconds of CPU per operation; NaN when the CPU was not measured or nothing completed. */
    private static double cpuMillisPer(double cpuSeconds, long operations) {
        return operations <= 0 || Double.isNaN(cpuSeconds) ? Double.NaN : cpuSeconds * 1000 / operations;
    }
}
