package dev.ledger.command.api;

import dev.ledger.command.publishing.PublishingConfiguration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The command-service creates a missing topic with LEDGER_TOPIC_REPLICAS and LEDGER_TOPIC_MIN_ISR as the topic's
 * own settings (docker/compose.yaml sets 3 and 2; the embedded broker is a single one, so 1 and 1 here, and the
 * topic-level source of min.insync.replicas tells it from the broker's default). A service instance of its own
 * (own database, own topic).
 */
class TopicCreationTest extends IntegrationTestBase {

    private static final String TOPIC = "ledger.events.topic-creation";


    @Test
    void createsAMissingTopicWithTheConfiguredReplicasAndMinInSyncReplicas() throws Exception {
        ConfigurableApplicationContext service = startInstance(POSTGRES.createDatabaseIfMissing("ledger_topic_creation"),
                "--ledger.topic=" + TOPIC,
                "--ledger.topic-partitions=2",
                "--ledger.topic-replicas=1",
                "--ledger.topic-min-isr=1");

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
            assertThat(topic.partitions()).hasSize(2)
                    .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(1));
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
            ConfigEntry minInSync = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS)
                    .get(resource).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
            assertThat(minInSync.value()).isEqualTo("1");
            assertThat(minInSync.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
        }

        // Sent with acks=all, acknowledged by the in-sync replicas, and there for readers.
        Response opened = send(portOf(service), "POST", "/debates", "{\"title\":\"A topic of its own\"}");
        assertThat(opened.status()).isEqualTo(201);
        List<ConsumerRecord<String, String>> records = TopicReader.recordsOf(bootstrapServers, TOPIC, opened.text("debateId"),
                found -> !found.isEmpty(), Duration.ofSeconds(60));
        assertThat(records).isNotEmpty();
        assertThat(JSON.readTree(records.get(0).value()).get("sequence").asLong()).isEqualTo(1);
    }

    @Test
    void leavesMinInSyncReplicasToTheBrokerUnlessSet() {
        assertThat(new PublishingConfiguration().ledgerTopic(TOPIC, 3, (short) 3, 0).configs()).isNullOrEmpty();
        assertThat(new PublishingConfiguration().ledgerTopic(TOPIC, 3, (short) 3, 2).configs())
                .containsExactly(Map.entry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
    }

    @Test
    void refusesMoreInSyncReplicasThanReplicas() {
        assertThatThrownBy(() -> new PublishingConfiguration().ledgerTopic(TOPIC, 3, (short) 1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LEDGER_TOPIC_MIN_ISR");
    }
}
