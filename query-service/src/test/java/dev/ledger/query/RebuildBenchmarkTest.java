package dev.ledger.query;

import com.sun.management.OperatingSystemMXBean;
import dev.ledger.events.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures rebuild speed; not part of the normal build (it leaves the read model ahead of what other tests
 * expect). Run alone: {@code mvn -o -pl query-service verify -Dtest=RebuildBenchmarkTest -Dledger.benchmark=true
 * [-Dledger.benchmark.events=100000] [-Dledger.benchmark.batch-size=500]}. The live listener is paused while the
 * events are published, so the rebuild does not compete with it. The batch size is 5000 (the service's default,
 * LEDGER_REBUILD_BATCH_SIZE) unless given; the other tests use 500 to cross batch boundaries more often.
 * Besides events per second it prints the CPU time PostgreSQL and this JVM spent per event.
 */
@EnabledIfSystemProperty(named = "ledger.benchmark", matches = "true")
@TestPropertySource(properties = "ledger.rebuild.batch-size=${ledger.benchmark.batch-size:5000}")
class RebuildBenchmarkTest extends WholeModelTestBase {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void rebuildSpeed() {
        int events = Integer.getInteger("ledger.benchmark.events", 200_000);
        RandomDebates debates = new RandomDebates(7, events / 30, 40);
        List<EventEnvelope> history = debates.interleaved();
        listeners.getListenerContainer("ledger-projection").pause();
        publishAll(history);
        System.out.println("RebuildBenchmark: published " + history.size() + " events in " + debates.debates().size() + " debates");
        for (String source : List.of("kafka", "event-store")) {
            long[] cpuBefore = cpuMicros();
            assertThat(admin("POST", "/admin/rebuild?source=" + source).status()).isEqualTo(202);
            JsonNode[] status = new JsonNode[1];
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                status[0] = admin("GET", "/admin/rebuild").json();
                return !status[0].get("state").asString().matches("running|swapping");
            });
            System.out.println("RebuildBenchmark " + source + ": " + status[0]);
            long[] cpuAfter = cpuMicros();
            System.out.printf(Locale.ROOT, "RebuildBenchmark %s CPU per event: PostgreSQL %.1f us, test JVM %.1f us%n", source,
                    (cpuAfter[0] - cpuBefore[0]) / (double) history.size(), (cpuAfter[1] - cpuBefore[1]) / (double) history.size());
            assertThat(status[0].get("state").asString()).isEqualTo("completed");
            listeners.getListenerContainer("ledger-projection").pause();
        }
    }

    /**
     * CPU time used so far, in microseconds: {PostgreSQL's backends and background processes (those alive now,
     * among them the pool's connections), this JVM's (which includes the embedded Kafka broker and the event-store
     * stub)}. Linux only (/proc, 100 ticks a second); 0 where unreadable. CPU per event is steadier than events per
     * second on a shared machine.
     */
    private long[] cpuMicros() {
        long postgres = 0;
        for (Integer pid : jdbc.sql("SELECT pid FROM pg_stat_activity").query(Integer.class).list()) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                postgres += (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10_000;
            } catch (IOException | RuntimeException e) {
                // the process ended, or this is not Linux
            }
        }
        long jvm = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1000 : 0;
        return new long[]{postgres, jvm};
    }
}
