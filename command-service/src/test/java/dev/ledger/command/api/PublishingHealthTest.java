package dev.ledger.command.api;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** With Kafka reachable the publishing backlog drains to 0 and the health component stays UP. */
class PublishingHealthTest extends IntegrationTestBase {

    @Test
    void theBacklogDrainsToZeroWhileKafkaIsReachable() {
        String debateId = openDebate();
        join(debateId, "dora");
        stateClaim(debateId, "dora");

        Response health = awaitValue(Duration.ofSeconds(30), () -> send("GET", "/actuator/health/publishing", null),
                response -> response.status() == 200 && response.body().get("details").get("backlog").asLong() == 0);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.body().get("details").get("backlog").asLong()).isZero();
        assertThat(health.body().get("details").get("lastPublishedAt").isNull()).isFalse();
        assertThat(health.body().get("details").get("lastError").isNull()).isTrue();
        Response gauge = send("GET", "/actuator/metrics/ledger.publish.backlog", null);
        assertThat(gauge.status()).isEqualTo(200);
        assertThat(gauge.body().get("measurements").get(0).get("value").asDouble()).isZero();
        Response overall = send("GET", "/actuator/health", null);
        assertThat(overall.body().get("components").get("publishing").get("status").asString()).isEqualTo("UP");
    }
}
