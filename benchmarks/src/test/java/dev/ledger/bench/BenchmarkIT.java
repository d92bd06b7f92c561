package dev.ledger.bench;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * `./ledger bench --tiny` end to end: it starts its own ledger (the jars this build packaged, on free ports, data
 * under target/), runs every workload on a tiny load, writes the reports and stops the ledger again. Checks only
 * that it works and that the report carries every figure; never how fast anything is.
 */
class BenchmarkIT {

    private static final Path ROOT = Path.of(System.getProperty("ledger.root", "..")).toAbsolutePath().normalize();
    private static final Path WORK = Path.of(System.getProperty("ledger.bench.workDirectory", "target/bench-it")).toAbsolutePath();
    private static final Map<String, String> ENV = new HashMap<>();
    private static int exitStatus;
    private static JsonNode report;

    @BeforeAll
    static void runTheTinyBenchmark() throws Exception {
        Files.createDirectories(WORK);
        ENV.put("LEDGER_SKIP_BUILD", "1");
        ENV.put("LEDGER_BENCH_OUT", WORK.toString());
        ENV.put("LEDGER_DATA", WORK.resolve("ledger-data").toString());
        for (String port : List.of("LEDGER_COMMAND_PORT", "LEDGER_QUERY_PORT", "LEDGER_PG_PORT", "LEDGER_KAFKA_PORT",
                "LEDGER_KAFKA_CONTROLLER_PORT")) {
            ENV.put(port, Integer.toString(freePort()));
        }
        Files.deleteIfExists(WORK.resolve("report.json"));
        exitStatus = ledger(TimeLimit.BENCH, "bench", "--tiny");
        Path json = WORK.resolve("report.json");
        report = Files.exists(json) ? JsonMapper.builder().build().readTree(Files.readString(json)) : null;
    }

    @AfterAll
    static void stopWhateverIsLeft() throws Exception {
        ledger(TimeLimit.DOWN, "down");
    }

    @Test
    void writesBothReportsAndStopsTheLedgerItStarted() throws IOException {
        assertThat(exitStatus).as("exit status of ./ledger bench --tiny; its output is in %s", WORK.resolve("bench.log")).isZero();
        assertThat(report).as("report.json").isNotNull();
        assertThat(Files.readString(WORK.resolve("report.md"))).startsWith("# Ledger benchmark report (tiny)");
        assertThat(report.path("machine").path("cores").asInt()).isPositive();
        assertThat(report.path("versions").path("PostgreSQL").asString()).isNotBlank();
        for (String port : List.of("LEDGER_COMMAND_PORT", "LEDGER_QUERY_PORT", "LEDGER_PG_PORT", "LEDGER_KAFKA_PORT")) {
            assertThat(listening(Integer.parseInt(ENV.get(port)))).as("%s still answered after the bench", port).isFalse();
        }
    }

    @Test
    void everyFigureIsMeasuredOrSaysWhyNot() {
        assertThat(report).as("report.json").isNotNull();
        Map<String, JsonNode> figures = new HashMap<>();
        report.path("figures").forEach(f -> figures.put(f.path("name").asString(), f));
        assertThat(figures.keySet()).containsAll(BenchMain.FIGURE_NAMES);
        for (String name : BenchMain.FIGURE_NAMES) {
            JsonNode figure = figures.get(name);
            boolean measured = figure.path("value").isNumber();
            assertThat(measured || figure.path("note").asString("").startsWith("not measured: "))
                    .as("%s: a number, or a note saying why not: %s", name, figure).isTrue();
        }
        // These can always be measured, even on a tiny load.
        List<String> mustBeNumbers = new ArrayList<>(List.of(
                "write_throughput_1_clients", "write_throughput_8_clients", "write_throughput_32_clients",
                "visibility_latency_steady_p50", "visibility_latency_near_saturation_p50", "publish_lag_p50",
                "big_debate_command_latency_p50", "query_latency_beliefs_p50", "query_latency_history_p50",
                "query_latency_debate_overview_p50", "peak_heap_command_service", "peak_heap_query_service"));
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            mustBeNumbers.addAll(List.of("peak_memory_command_service", "peak_memory_query_service", "peak_memory_kafka",
                    "peak_memory_postgres"));
        }
        for (String name : mustBeNumbers) {
            assertThat(figures.get(name).path("value").isNumber()).as("%s: %s", name, figures.get(name)).isTrue();
        }
        for (String limited : List.of("write_throughput_32_clients", "big_debate_command_latency_p50")) {
            JsonNode figure = figures.get(limited);
            assertThat(figure.path("limit").isNumber()).as("%s has its limit: %s", limited, figure).isTrue();
            assertThat(figure.path("ratio").isNumber()).as("%s has its ratio: %s", limited, figure).isTrue();
            assertThat(figure.path("met").isBoolean()).as("%s says whether its target was met: %s", limited, figure).isTrue();
        }
        assertThat(figures.get("replay_events_per_second").path("limit").isNumber())
                .as("the plain consumer's rate is measured even when the rebuild is not").isTrue();
    }

    @Test
    void splitsTheWriteGapWithTheBareSpringMvcLimitAndMeasuresCpuPerCommand() {
        assertThat(report).as("report.json").isNotNull();
        Map<String, JsonNode> figures = new HashMap<>();
        report.path("figures").forEach(f -> figures.put(f.path("name").asString(), f));
        for (String clients : List.of("1", "8", "32")) {
            JsonNode bare = figures.get("bare_mvc_write_throughput_" + clients + "_clients");
            assertThat(bare.path("value").asDouble()).as("the bare Spring MVC endpoint wrote rows: %s", bare).isPositive();
            assertThat(bare.path("limit").asDouble()).as("beside raw JDBC: %s", bare).isPositive();
            for (String ratio : List.of("write_ratio_to_raw_jdbc_", "write_ratio_to_bare_mvc_")) {
                JsonNode figure = figures.get(ratio + clients + "_clients");
                assertThat(figure.path("value").asDouble()).as("%s", figure).isPositive();
            }
            double commands = figures.get("write_throughput_" + clients + "_clients").path("value").asDouble();
            assertThat(figures.get("write_ratio_to_bare_mvc_" + clients + "_clients").path("value").asDouble())
                    .as("the ledger's rate over the bare endpoint's").isCloseTo(commands / bare.path("value").asDouble(), within(0.002));
        }
        for (String withTarget : List.of("write_ratio_to_raw_jdbc_32_clients", "command_service_cpu_per_command_32_clients")) {
            assertThat(figures.get(withTarget).path("met").isBoolean()).as("%s has its target: %s", withTarget, figures.get(withTarget)).isTrue();
        }
        boolean proc = Files.isReadable(Path.of("/proc/self/status"));
        if (proc) {
            for (String clients : List.of("1", "8", "32")) {
                JsonNode cpu = figures.get("command_service_cpu_per_command_" + clients + "_clients");
                // Rough bounds that any working measurement meets: CPU time was counted, and not an hour per command.
                assertThat(cpu.path("value").asDouble()).as("%s", cpu).isPositive().isLessThan(1000);
                assertThat(cpu.path("unit").asString()).isEqualTo("ms");
            }
            assertThat(report.path("phases").findValues("percentOfOneCoreByPart"))
                    .as("the bare endpoint's own process is sampled in its phases")
                    .anyMatch(parts -> parts.has("bare MVC endpoint"));
        }
        String endpoint = report.path("load").path("bare Spring MVC endpoint (its own JVM, -Xmx512m)").asString();
        assertThat(endpoint).as("where the bare endpoint ran").startsWith("http://127.0.0.1:");
        int port = Integer.parseInt(endpoint.replaceAll("^http://127\\.0\\.0\\.1:(\\d+),.*$", "$1"));
        assertThat(listening(port)).as("the bare endpoint still answered after the bench").isFalse();
    }

    private enum TimeLimit {
        BENCH(600), DOWN(120);

        final int seconds;

        TimeLimit(int seconds) {
            this.seconds = seconds;
        }
    }

    private static int ledger(TimeLimit limit, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("ledger").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(WORK.resolve("bench.log").toFile()));
        builder.environment().putAll(ENV);
        Process process = builder.start();
        if (!process.waitFor(limit.seconds, TimeUnit.SECONDS)) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
