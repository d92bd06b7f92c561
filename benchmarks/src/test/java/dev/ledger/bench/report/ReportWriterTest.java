package dev.ledger.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ReportWriterTest {

    @Test
    void figuresCarryValueLimitRatioTargetAndMetForScripts(@TempDir Path directory) throws Exception {
        Report report = new Report("quick");
        report.machine.put("cores", 2);
        Figure throughput = Figure.of("write_throughput_32_clients", "commands/s", 600, "commands/s")
                .withLimit(2000, "raw JDBC");
        report.add(throughput.withTarget(">= 1000 commands/s and ratio >= 0.5", false).withBound("CPU-bound"));
        report.add(Figure.notMeasured("replay_events_per_second", "replay", "events/s", "no rebuild endpoint")
                .withLimit(50_000, "plain consumer"));
        report.finishedAt = Instant.now();

        ReportWriter.write(report, directory);

        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(directory.resolve("report.json")));
        JsonNode first = json.path("figures").path(0);
        assertThat(first.path("name").asString()).isEqualTo("write_throughput_32_clients");
        assertThat(first.path("value").asDouble()).isEqualTo(600.0);
        assertThat(first.path("limit").asDouble()).isEqualTo(2000.0);
        assertThat(first.path("ratio").asDouble()).isEqualTo(0.3);
        assertThat(first.path("met").asBoolean(true)).isFalse();
        JsonNode second = json.path("figures").path(1);
        assertThat(second.path("value").isNull()).isTrue();
        assertThat(second.path("ratio").isNull()).isTrue();
        assertThat(second.path("note").asString()).isEqualTo("not measured: no rebuild endpoint");
        String markdown = Files.readString(directory.resolve("report.md"));
        assertThat(markdown).contains("| write_throughput_32_clients | 600 commands/s | 2,000 commands/s | 0.30 |")
                .contains("## Targets missed, and what bounds them").contains("CPU-bound");
    }
}
