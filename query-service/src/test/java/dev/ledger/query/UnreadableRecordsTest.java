package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import dev.ledger.events.Stance;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UnreadableRecordsTest extends QueryServiceTestBase {

    @Autowired
    MeterRegistry meters;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void skipsUnknownTypesAndNewerVersionsAndAppliesWhatFollows() {
        DebateScript debate = new DebateScript();
        publish(debate.open("Future events", null));                                          // 1
        publish(debate.join("alice", "Alice"));                                               // 2
        String unknownType = rewrite(debate.claim("c-x", "renamed", "alice"), node -> {       // 3
            node.put("type", "DebateRenamed");
            node.set("payload", JSON.createObjectNode().put("debateId", debate.debateId).put("title", "New"));
        });
        String newerVersion = rewrite(debate.claim("c-y", "from the future", "alice"),       // 4
                node -> node.put("version", 2));
        double skippedBefore = skippedCount();
        publishRaw(debate.debateId, unknownType);
        publishRaw(debate.debateId, newerVersion);
        publish(debate.claim("c1", "Known events still apply", "alice"));                     // 5
        publish(debate.reason("r1", "c1", Stance.FOR, "because", "alice", null));             // 6

        JsonNode view = awaitAnswer("/debates/" + debate.debateId, 6).json();

        assertThat(view.get("sequence").asLong()).isEqualTo(6);
        assertThat(DebateProjectionTest.texts(view.get("claims"), "claimId")).containsExactly("c1");
        assertThat(DebateProjectionTest.texts(view.get("reasons"), "reasonId")).containsExactly("r1");
        List<Map<String, Object>> skipped = jdbc.sql(
                        "SELECT sequence, type, version, reason, event_id FROM skipped_event WHERE debate_id = :id ORDER BY sequence")
                .param("id", debate.debateId).query().listOfRows();
        assertThat(skipped).hasSize(2);
        assertThat(skipped.get(0)).containsEntry("sequence", 3L).containsEntry("type", "DebateRenamed")
                .containsEntry("version", 1).containsEntry("reason", "UNKNOWN_TYPE")
                .containsEntry("event_id", debate.events().get(2).eventId());
        assertThat(skipped.get(1)).containsEntry("sequence", 4L).containsEntry("type", "ClaimStated")
                .containsEntry("version", 2).containsEntry("reason", "NEWER_VERSION");
        assertThat(skippedCount() - skippedBefore).isEqualTo(2.0);
        assertThat(get("/actuator/health/projection").json().get("details").get("skippedEvents").asLong())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void deadLettersRecordsThatCanNeverBeReadAndKeepsConsuming() {
        DebateScript debate = new DebateScript();
        publish(debate.open("Broken records", null));                                         // 1
        publish(debate.join("alice", "Alice"));                                               // 2
        String notJson = "this is {not JSON";
        String invalidPayload = rewrite(EventEnvelope.of(UUID.randomUUID().toString(), 3, DebateScript.at(3),
                        new dev.ledger.events.ClaimStated(debate.debateId, "c-bad", "placeholder", "alice")),
                node -> ((ObjectNode) node.get("payload")).put("statement", "   "));
        double deadLetteredBefore = deadLetteredCount();
        publishRaw(debate.debateId, notJson);
        publishRaw(debate.debateId, invalidPayload);
        publish(debate.claim("c1", "Good records still apply", "alice"));                     // 3
        publish(debate.join("bob", "Bob"));                                                   // 4

        JsonNode view = awaitAnswer("/debates/" + debate.debateId, 4).json();

        assertThat(view.get("sequence").asLong()).isEqualTo(4);
        assertThat(DebateProjectionTest.texts(view.get("claims"), "claimId")).containsExactly("c1");
        assertThat(DebateProjectionTest.texts(view.get("participants"), "participantId")).containsExactly("alice", "bob");
        List<ConsumerRecord<String, String>> deadLetters = deadLetters(debate.debateId, 2);
        assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactly(notJson, invalidPayload);
        assertThat(header(deadLetters.get(0), "ledger-unreadable-reason")).isEqualTo("MALFORMED");
        assertThat(header(deadLetters.get(1), "ledger-unreadable-reason")).isEqualTo("INVALID_PAYLOAD");
        assertThat(header(deadLetters.get(0), "kafka_dlt-exception-message")).contains("not JSON");
        assertThat(header(deadLetters.get(1), "kafka_dlt-exception-message")).contains("statement must not be blank");
        assertThat(header(deadLetters.get(1), "kafka_dlt-original-topic")).isEqualTo(TOPIC);
        assertThat(deadLetteredCount() - deadLetteredBefore).isEqualTo(2.0);
    }

    private List<ConsumerRecord<String, String>> deadLetters(String debateId, int expected) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-reader-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC + ".DLT"));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (found.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (debateId.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String rewrite(EventEnvelope envelope, java.util.function.Consumer<ObjectNode> change) {
        ObjectNode node = (ObjectNode) JSON.readTree(CODEC.toJson(envelope));
        change.accept(node);
        return JSON.writeValueAsString(node);
    }

    private double skippedCount() {
        return meters.find("ledger.projection.events.skipped").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private double deadLetteredCount() {
        return meters.find("ledger.projection.events.dead.lettered").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
