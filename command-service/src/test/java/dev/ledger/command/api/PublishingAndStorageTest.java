package dev.ledger.command.api;

import dev.ledger.events.ClaimStated;
import dev.ledger.events.DebateOpened;
import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.Role;
import dev.ledger.events.Visibility;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored events are JSON bytes in bytea, and every one reaches Kafka keyed by debate, in order. */
class PublishingAndStorageTest extends IntegrationTestBase {

    private final EventCodec codec = new EventCodec();

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void eventsLandOnTheTopicKeyedByDebateInSequenceOrder() {
        String debateId = openDebate();
        join(debateId, "alice");
        join(debateId, "bob");
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            claims.add(stateClaim(debateId, i % 2 == 0 ? "alice" : "bob"));
        }

        List<ConsumerRecord<String, String>> records = recordsOf(debateId, 8, Duration.ofSeconds(60));

        assertThat(records).allSatisfy(record -> assertThat(record.key()).isEqualTo(debateId));
        List<EventEnvelope> envelopes = records.stream().map(record -> codec.fromJson(record.value())).toList();
        assertThat(envelopes).extracting(EventEnvelope::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        assertThat(envelopes).extracting(EventEnvelope::debateId).containsOnly(debateId);
        assertThat(envelopes.get(0).payload()).isEqualTo(new DebateOpened(debateId, "Tabs or spaces?", null, DEFAULT_ACTOR, Visibility.PUBLIC));
        assertThat(envelopes.get(1).payload()).isEqualTo(new ParticipantJoined(debateId, "alice", "alice", Role.MEMBER));
        assertThat(envelopes.get(3).payload()).isEqualTo(new ClaimStated(debateId, claims.get(0), "Tabs are better", "alice"));
        List<String> storedIds = jdbc.queryForList(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, debateId);
        assertThat(envelopes).extracting(EventEnvelope::eventId).containsExactlyElementsOf(storedIds);
    }

    @Test
    void storedPayloadsAreJsonBytesInBytea() {
        String debateId = openDebate();
        join(debateId, "alice");

        Map<String, Object> column = jdbc.queryForMap(
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'domain_event_entry' AND column_name = 'payload'");
        assertThat(column.get("data_type")).isEqualTo("bytea");
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT payload, payload_type, global_index, sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                debateId);
        assertThat(rows).hasSize(2);
        String opened = new String((byte[]) rows.get(0).get("payload"), StandardCharsets.UTF_8);
        assertThat(opened).startsWith("{").doesNotContain("<");
        assertThat(JSON.readTree(opened).get("title").asString()).isEqualTo("Tabs or spaces?");
        assertThat(codec.payloadFromJson(opened, DebateOpened.class)).isEqualTo(new DebateOpened(debateId, "Tabs or spaces?", null, DEFAULT_ACTOR, Visibility.PUBLIC));
        assertThat(rows.get(0).get("payload_type")).isEqualTo(DebateOpened.class.getName());
        assertThat((Long) rows.get(0).get("sequence_number")).isZero();
        String joined = new String((byte[]) rows.get(1).get("payload"), StandardCharsets.UTF_8);
        assertThat(codec.payloadFromJson(joined, ParticipantJoined.class)).isEqualTo(new ParticipantJoined(debateId, "alice", "alice", Role.MEMBER));
    }

    @Test
    void theOpenApiDocumentAndHealthAreServed() {
        Response docs = send("GET", "/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/debates")).isTrue();
        Response health = send("GET", "/actuator/health/readiness", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(send("GET", "/actuator/health/liveness", null).status()).isEqualTo(200);
    }

    private List<ConsumerRecord<String, String>> recordsOf(String debateId, int expected, Duration timeout) {
        return TopicReader.recordsOf(bootstrapServers, debateId, found -> found.size() >= expected, timeout);
    }
}
