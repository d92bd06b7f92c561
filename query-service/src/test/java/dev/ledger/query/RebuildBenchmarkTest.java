package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures rebuild speed; not part of the normal build (it leaves the read model ahead of what other tests
 * expect). Run alone: {@code mvn -o -pl query-service verify -Dtest=RebuildBenchmarkTest -Dledger.benchmark=true
 * [-Dledger.benchmark.events=100000] [-Dledger.benchmark.batch-size=500]}. The live listener is paused while the
 * events are published, so the rebuild does not compete with it. The batch size is 5000 (the service's default,
 * LEDGER_REBUILD_BATCH_SIZE) unless given; the other tests use 500 to cross batch boundaries more often.
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
            assertThat(admin("POST", "/admin/rebuild?source=" + source).status()).isEqualTo(202);
            JsonNode[] status = new JsonNode[1];
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                status[0] = admin("GET", "/admin/rebuild").json();
                return !status[0].get("state").asString().matches("running|swapping");
            });
            System.out.println("RebuildBenchmark " + source + ": " + status[0]);
            assertThat(status[0].get("state").asString()).isEqualTo("completed");
            listeners.getListenerContainer("ledger-projection").pause();
        }
    }
}
