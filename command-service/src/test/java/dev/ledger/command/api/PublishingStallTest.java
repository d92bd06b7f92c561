package dev.ledger.command.api;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kafka cannot take the events: the topic does not exist and the broker does not create topics, so every
 * send fails (no metadata within max.block.ms, the same failure as an unreachable broker). The publisher's
 * token must stay put (the backlog keeps every stored event), commands still succeed, and the health
 * component "publishing" turns DEGRADED (HTTP 200). Once the topic exists everything is published, in
 * order, and the backlog drains. A service instance of its own (own database, own topic).
 */
class PublishingStallTest extends IntegrationTestBase {

    private static final String TOPIC = "ledger.events.stall-test";


    @Test
    void aFailedSendHoldsTheTokenBackUntilKafkaIsBack() throws Exception {
        String url = POSTGRES.createDatabaseIfMissing("ledger_publish_stall");
        ConfigurableApplicationContext service = startInstance(url,
                "--spring.kafka.admin.auto-create=false",
                "--ledger.topic=" + TOPIC,
                "--spring.kafka.producer.properties.max.block.ms=1000",
                "--spring.kafka.producer.properties.request.timeout.ms=1000",
                "--spring.kafka.producer.properties.delivery.timeout.ms=2000",
                "--ledger.publishing.ack-timeout=PT3S",
                "--ledger.publishing.stall-after=1s",
                "--axon.eventhandling.processors.kafka-publisher.token-claim-interval=500");
        int servicePort = portOf(service);

        Response opened = send(servicePort, "POST", "/debates", "{\"title\":\"Kafka is away\",\"visibility\":\"public\"}");
        assertThat(opened.status()).isEqualTo(201);
        String debateId = opened.text("debateId");
        assertThat(send(servicePort, "POST", "/debates/" + debateId + "/participants",
                "{\"participantId\":\"eve\",\"displayName\":\"Eve\"}").status()).isEqualTo(201);
        for (int i = 0; i < 2; i++) {
            assertThat(send(servicePort, "POST", "/debates/" + debateId + "/claims",
                    "{\"statement\":\"Claim " + i + "\",\"by\":\"eve\"}").status()).isEqualTo(201);
        }

        Response degraded = awaitValue(Duration.ofSeconds(20), () -> send(servicePort, "GET", "/actuator/health/publishing", null),
                response -> "DEGRADED".equals(response.text("status")) && !response.body().get("details").get("lastError").isNull());
        assertThat(degraded.status()).isEqualTo(200);
        assertThat(degraded.text("status")).isEqualTo("DEGRADED");
        assertThat(degraded.body().get("details").get("backlog").asLong()).isEqualTo(4);
        assertThat(degraded.body().get("details").get("lastPublishedAt").isNull()).isTrue();
        assertThat(degraded.body().get("details").get("lastError").asString()).isNotBlank();
        Response overall = send(servicePort, "GET", "/actuator/health", null);
        assertThat(overall.status()).isEqualTo(200);
        assertThat(overall.text("status")).isEqualTo("DEGRADED");

        // Commands are still accepted and kept; after another failed attempt the token has not moved past any of them.
        assertThat(send(servicePort, "POST", "/debates/" + debateId + "/claims",
                "{\"statement\":\"Claim 2\",\"by\":\"eve\"}").status()).isEqualTo(201);
        double failedSoFar = failedBatches(servicePort);
        assertThat(awaitValue(Duration.ofSeconds(30), () -> failedBatches(servicePort), failed -> failed > failedSoFar))
                .isGreaterThan(failedSoFar);
        assertThat(backlog(servicePort)).isEqualTo(5);
        assertThat(metricBacklog(servicePort)).isEqualTo(5.0);
        JdbcTemplate store = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
        List<String> storedIds = store.queryForList(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, debateId);
        assertThat(storedIds).hasSize(5);

        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<String, String>> records = TopicReader.recordsOf(bootstrapServers, TOPIC, debateId,
                found -> distinctEventIds(found).size() >= 5, Duration.ofSeconds(60));
        // A batch retried after a partial send may repeat records; first occurrences are the order of the store.
        assertThat(distinctEventIds(records)).containsExactlyElementsOf(storedIds);
        List<Long> sequences = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            JsonNode envelope = JSON.readTree(record.value());
            if (!sequences.contains(envelope.get("sequence").asLong())) {
                sequences.add(envelope.get("sequence").asLong());
            }
        }
        assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L);

        Response recovered = awaitValue(Duration.ofSeconds(20), () -> send(servicePort, "GET", "/actuator/health/publishing", null),
                response -> "UP".equals(response.text("status")) && response.body().get("details").get("backlog").asLong() == 0);
        assertThat(recovered.text("status")).isEqualTo("UP");
        assertThat(recovered.body().get("details").get("backlog").asLong()).isZero();
        assertThat(recovered.body().get("details").get("lastPublishedAt").isNull()).isFalse();
    }

    private long backlog(int servicePort) {
        return send(servicePort, "GET", "/actuator/health/publishing", null).body().get("details").get("backlog").asLong();
    }

    private double failedBatches(int servicePort) {
        return send(servicePort, "GET", "/actuator/metrics/ledger.publish.failed.batches", null)
                .body().get("measurements").get(0).get("value").asDouble();
    }

    private double metricBacklog(int servicePort) {
        return send(servicePort, "GET", "/actuator/metrics/ledger.publish.backlog", null)
                .body().get("measurements").get(0).get("value").asDouble();
    }

    private static Set<String> distinctEventIds(List<ConsumerRecord<String, String>> records) {
        Set<String> ids = new LinkedHashSet<>();
        for (ConsumerRecord<String, String> record : records) {
            ids.add(JSON.readTree(record.value()).get("eventId").asString());
        }
        return ids;
    }
}
