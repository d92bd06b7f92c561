package dev.ledger.query;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Readiness goes out of service while the projection is far behind the topic, and comes back when it caught up. */
class CatchUpReadinessTest extends QueryServiceTestBase {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void notReadyWhileTheProjectionIsBehindTheTopic() {
        MessageListenerContainer projection = listeners.getListenerContainer("ledger-projection");
        assertThat(projection).isNotNull();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").status() == 200);

        projection.pause();
        try {
            await().atMost(Duration.ofSeconds(30)).until(projection::isContainerPaused);
            DebateScript debate = new DebateScript();
            debate.open("Falling behind", null);
            debate.join("ann", "Ann");
            debate.join("bo", "Bo");
            debate.join("cy", "Cy");
            debate.join("di", "Di");
            publish(debate.events());

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Answer readiness = get("/actuator/health/readiness");
                assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
                assertThat(readiness.body()).contains("projectionCatchUp").contains("OUT_OF_SERVICE");
            });
            Answer metrics = get("/actuator/prometheus");
            assertThat(metrics.body()).contains("ledger_projection_consumer_lag{partition=\"0\"");
        } finally {
            projection.resume();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/actuator/health/readiness").status() == 200);
    }
}
