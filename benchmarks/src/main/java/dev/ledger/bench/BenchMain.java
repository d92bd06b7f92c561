package dev.ledger.bench;

import dev.ledger.bench.figures.BigDebateFigures;
import dev.ledger.bench.figures.MemoryFigures;
import dev.ledger.bench.figures.QueryLatencyFigures;
import dev.ledger.bench.figures.ReplayFigure;
import dev.ledger.bench.figures.ThroughputFigures;
import dev.ledger.bench.figures.VisibilityFigures;
import dev.ledger.bench.limits.RawJdbcLimit;
import dev.ledger.bench.machine.LedgerProcesses;
import dev.ledger.bench.machine.ResourceSampler;
import dev.ledger.bench.report.Figure;
import dev.ledger.bench.report.Report;
import dev.ledger.bench.report.ReportWriter;
import dev.ledger.bench.workload.DebateSession;
import dev.ledger.bench.workload.EventStoreStats;
import dev.ledger.bench.workload.LedgerClient;
import org.apache.kafka.common.utils.AppInfoParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.ledger.bench.BenchRun.format;

/**
 * `./ledger bench`: measures a running ledger through its public APIs and writes report.md and report.json.
 * Exit status 0 when the report was written (missed targets are findings, not failures), 2 on bad usage or
 * when the ledger does not answer.
 */
public final class BenchMain {

    /** Every figure a report carries, measured or "not measured: why". */
    public static final List<String> FIGURE_NAMES = List.of(
            "write_throughput_1_clients", "write_throughput_8_clients", "write_throughput_32_clients",
            "bare_mvc_write_throughput_1_clients", "bare_mvc_write_throughput_8_clients", "bare_mvc_write_throughput_32_clients",
            "write_ratio_to_raw_jdbc_1_clients", "write_ratio_to_raw_jdbc_8_clients", "write_ratio_to_raw_jdbc_32_clients",
            "write_ratio_to_bare_mvc_1_clients", "write_ratio_to_bare_mvc_8_clients", "write_ratio_to_bare_mvc_32_clients",
            "command_service_cpu_per_command_1_clients", "command_service_cpu_per_command_8_clients",
            "command_service_cpu_per_command_32_clients",
            "visibility_latency_steady_p50", "visibility_latency_steady_p95", "visibility_latency_steady_p99",
            "visibility_latency_steady_max",
            "visibility_latency_near_saturation_p50", "visibility_latency_near_saturation_p95",
            "visibility_latency_near_saturation_p99", "visibility_latency_near_saturation_max",
            "publish_lag_p50", "publish_lag_p99",
            "replay_events_per_second",
            "big_debate_command_latency_p50", "big_debate_command_latency_p99",
            "query_latency_beliefs_p50", "query_latency_beliefs_p99", "query_latency_history_p50", "query_latency_history_p99",
            "query_latency_beliefs_as_of_p50", "query_latency_beliefs_as_of_p99",
            "query_latency_debate_overview_p50", "query_latency_debate_overview_p99",
            "peak_memory_command_service", "peak_memory_query_service", "peak_memory_kafka", "peak_memory_postgres",
            "peak_heap_command_service", "peak_heap_query_service");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        int status = run(options);
        System.exit(status);
    }

    /** Runs the benchmark; returns the process exit status. */
    public static int run(BenchOptions options) throws Exception {
        BenchSettings settings = BenchSettings.of(options.mode());
        LedgerClient client = new LedgerClient(options.commandUrl(), options.queryUrl(), options.serviceToken());
        for (String url : new String[] {options.commandUrl(), options.queryUrl()}) {
            if (!client.answers(url + "/actuator/health/readiness")) {
                System.err.println("bench: nothing ready answers at " + url + "/actuator/health/readiness; start the ledger "
                        + "(./ledger up) or pass --command-url/--query-url");
                return 2;
            }
        }
        Report report = new Report(options.mode());
        describeMachine(report, options);
        EventStoreStats store = new EventStoreStats(options.postgresUrl(), options.dbUser(), options.dbPassword());
        report.versions.put("PostgreSQL", store.serverVersion());
        RawJdbcLimit raw = new RawJdbcLimit(options.postgresUrl(), options.dbUser(), options.dbPassword());
        long eventsBefore = store.events();
        report.load.put("events in the ledger before the run", eventsBefore);
        report.load.put("parts measured", String.join(", ", BenchOptions.PARTS.stream().filter(options::runs).toList()));
        report.load.put("accounts", "one per participant (and bench-opener, who opens the debates), created through the"
                + " command-service's admin API (POST /admin/accounts/{handle}/tokens, with the service token) before their"
                + " first command; each command carries its actor's own token; the debates are public (opened with"
                + " visibility public, joined without invitations), so the query figures read them without a token");

        try (ResourceSampler sampler = new ResourceSampler(new LedgerProcesses(options.ledgerData()), client,
                settings.samplerIntervalMillis())) {
            report.load.put("processes sampled (part=pid)", sampler.roots().toString());
            BenchRun run = new BenchRun(options, settings, client, sampler, report);
            BenchRun.log("mode " + options.mode() + ", ledger at " + options.commandUrl() + " / " + options.queryUrl()
                    + ", processes " + sampler.roots());
            step(run, "writes", "write throughput", () -> ThroughputFigures.measure(run, store, raw));
            step(run, "visibility", "visibility and publish lag", () -> VisibilityFigures.measure(run));
            if (settings.logTargetEvents() > 0 && !settings.logFillBudget().isZero()) {
                step(run, "log", "build the event log", () -> fillLog(run, store));
            }
            step(run, "big-debate", "big debate", () -> BigDebateFigures.measure(run));
            step(run, "queries", "query latency", () -> QueryLatencyFigures.measure(run, store));
            step(run, "replay", "replay", () -> ReplayFigure.measure(run));
            MemoryFigures.measure(run);
            report.load.put("events in the ledger after the run", store.events());
            String shared = sampler.sharedMachineWarning();
            if (!shared.isEmpty()) {
                report.notes.add(0, shared.replace("this figure understates", "these figures understate").trim());
            }
        }
        report.machine.put("load average at the end (1, 5, 15 min)", loadAverage());
        String measured = String.join(",", BenchOptions.PARTS.stream().filter(options::runs).toList());
        String why = options.parts().size() < BenchOptions.PARTS.size()
                ? "its part was not asked for (--only " + measured + ") or failed (see notes)"
                : "its phase failed (see notes)";
        for (String name : FIGURE_NAMES) {
            if (report.figures.stream().noneMatch(f -> f.name().equals(name))) {
                report.add(Figure.notMeasured(name, "", "", why));
            }
        }
        report.finishedAt = Instant.now();
        ReportWriter.write(report, options.outputDirectory());
        BenchRun.log("report: " + options.outputDirectory().resolve("report.md") + " and report.json");
        return 0;
    }

    private interface Step {
        void run() throws Exception;
    }

    private static void step(BenchRun run, String part, String name, Step step) {
        if (!run.options.runs(part)) {
            return;
        }
        try {
            step.run();
        } catch (Exception | AssertionError e) {
            String message = name + " failed: " + e;
            BenchRun.log(message);
            e.printStackTrace(System.out);
            run.report.notes.add(message);
        }
    }

    /** Full run: more realistic debates at saturation until the event store holds the target or the budget ends. */
    private static void fillLog(BenchRun run, EventStoreStats store) throws Exception {
        long target = run.settings.logTargetEvents();
        AtomicLong seen = new AtomicLong(store.events());
        AtomicLong checkedAt = new AtomicLong(System.nanoTime());
        List<DebateSession> sessions = run.pool(32);
        run.phase("build the event log (32 clients, up to " + target + " events)", () -> run.runner.run(32,
                run.settings.logFillBudget(), 0, sessions::get, () -> {
                    long now = System.nanoTime();
                    long last = checkedAt.get();
                    if (now - last > 2_000_000_000L && checkedAt.compareAndSet(last, now)) {
                        try {
                            seen.set(store.events());
                        } catch (Exception e) {
                            // keep the last count
                        }
                    }
                    return seen.get() >= target;
                }, null));
        long events = store.events();
        run.report.load.put("event log built for replay and queries: events (target " + target + ")", events);
        if (events < target) {
            run.report.notes.add(format("The event log reached %,d events of the %,d asked for within its %d s budget "
                    + "(REST at the measured saturation rate); the replay and query figures use that.", events, target,
                    run.settings.logFillBudget().toSeconds()));
        }
    }

    private static void describeMachine(Report report, BenchOptions options) {
        report.machine.put("cores", Runtime.getRuntime().availableProcessors());
        report.machine.put("memory", memory());
        report.machine.put("cpu", cpuModel());
        report.machine.put("load average at start (1, 5, 15 min)", loadAverage());
        report.machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        report.machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + "; the ledger's services run on the same java when started by ./ledger)");
        report.versions.put("ledger", options.ledgerVersion());
        report.versions.put("ledger commit", options.ledgerCommit());
        report.versions.put("kafka-clients (harness)", AppInfoParser.getVersion());
    }

    private static String memory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                    return format("%.1f GB", kb / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }

    /** Shows whether something else was using the machine while the figures were measured. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }
}
