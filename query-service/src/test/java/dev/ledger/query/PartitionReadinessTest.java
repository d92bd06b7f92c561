package dev.ledger.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Readiness is out of service while the live projection holds no partitions of the event topic (its consumer left
 * the group, or the group is rebalancing): events would be projected by nobody here, so ?minSequence= reads could
 * only wait.
 */
class PartitionReadinessTest extends QueryServiceTestBase {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void notReadyWhileTheProjectionHoldsNoPartitions() {
        MessageListenerContainer projection = listeners.getListenerContainer("ledger-projection");
        assertThat(projection).isNotNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Answer readiness = get("/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
            assertThat(readiness.body()).contains("projectionPartitions").contains("ledger.events-0");
        });

        projection.stop();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Answer readiness = get("/actuator/health/readiness");
                assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
                assertThat(readiness.body()).contains("projectionPartitions").contains("OUT_OF_SERVICE")
                        .contains("waiting for the consumer group to assign partitions");
            });
        } finally {
            projection.start();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> get("/actuator/health/readiness").status() == 200);
    }
}
