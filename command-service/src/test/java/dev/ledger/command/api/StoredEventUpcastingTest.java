package dev.ledger.command.api;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A ViewUpdated stored before version 2 (no becauseOf, payload_revision NULL), exactly as the old code
 * wrote it, sits in the middle of a real debate; a debate opened and joined before accounts existed is stored whole. Axon's upcaster chain must bring it to version 2 for every
 * reader: the aggregate (a later UpdateView sees its credence as previous), the event feed and the Kafka
 * publisher.
 */
class StoredEventUpcastingTest extends IntegrationTestBase {

    private static final String GOLDEN = "/golden/ViewUpdated-v1-stored-payload.json";

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void aVersion1ViewUpdatedIsReadAsVersion2Everywhere() throws IOException {
        String debateId = openDebate();
        join(debateId, "ben");
        String claimId = stateClaim(debateId, "ben");
        String oldPayload = golden().replace("__DEBATE_ID__", debateId).replace("__CLAIM_ID__", claimId);
        assertThat(oldPayload).doesNotContain("becauseOf");
        String oldEventId = UUID.randomUUID().toString();
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                                payload, payload_revision, payload_type, time_stamp)
                SELECT aggregate_identifier, 3, type, ?, meta_data, ?, NULL, 'dev.ledger.events.ViewUpdated', ?
                FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 2""",
                oldEventId, oldPayload.getBytes(StandardCharsets.UTF_8), Instant.now().toString(), debateId);

        // (a) the aggregate loads the old event: the new view's previous credence is the old row's 0.7
        Response updated = send("PUT", "/debates/" + debateId + "/participants/ben/views/" + claimId,
                "{\"credence\":0.9,\"becauseOf\":[]}");
        assertThat(updated.status()).as(updated.raw()).isEqualTo(200);
        assertThat(updated.body().get("previous").asDouble()).isEqualTo(0.7);
        assertThat(updated.body().get("sequence").asLong()).isEqualTo(5);

        // the store itself is not rewritten; new events carry their version as revision
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT payload_revision, payload FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                debateId);
        assertThat(rows).extracting(row -> row.get("payload_revision")).containsExactly("2", "2", "1", null, "2");
        assertThat(new String((byte[]) rows.get(3).get("payload"), StandardCharsets.UTF_8)).isEqualTo(oldPayload);

        // (b) the feed serves it as version 2 with "becauseOf":[]
        Response feed = admin("/admin/event-store/debates/" + debateId + "/events?fromSequence=4");
        assertThat(feed.status()).isEqualTo(200);
        JsonNode old = feed.body().get("events").get(0);
        assertThat(old.get("eventId").asString()).isEqualTo(oldEventId);
        assertThat(old.get("type").asString()).isEqualTo("ViewUpdated");
        assertThat(old.get("version").asInt()).isEqualTo(2);
        assertThat(old.get("sequence").asLong()).isEqualTo(4);
        assertThat(old.get("payload").get("credence").asDouble()).isEqualTo(0.7);
        assertThat(old.get("payload").get("previousCredence").asDouble()).isEqualTo(0.4);
        assertThat(old.get("payload").get("becauseOf").isArray()).isTrue();
        assertThat(old.get("payload").get("becauseOf").size()).isZero();
        assertThat(old.toString()).contains("\"becauseOf\":[]");
        assertThat(feed.body().get("events").get(1).get("payload").get("previousCredence").asDouble()).isEqualTo(0.7);

        // (c) the publisher sent it to Kafka as version 2, the same bytes as the feed
        List<ConsumerRecord<String, String>> records = TopicReader.recordsOf(
                bootstrapServers, debateId, found -> found.size() >= 5, Duration.ofSeconds(30));
        assertThat(records).hasSize(5);
        String published = records.get(3).value();
        JsonNode publishedOld = JSON.readTree(published);
        assertThat(publishedOld.get("eventId").asString()).isEqualTo(oldEventId);
        assertThat(publishedOld.get("version").asInt()).isEqualTo(2);
        assertThat(publishedOld.get("payload").get("becauseOf").size()).isZero();
        assertThat(feed.raw()).contains(published);
    }

    @Test
    void aDebateStoredBeforeAccountsLoadsAsPublicWithoutOwnerAndItsParticipantsAsMembers() {
        String template = openDebate();
        String debateId = UUID.randomUUID().toString();
        storeVersion1(debateId, 0, "dev.ledger.events.DebateOpened",
                "{\"debateId\":\"" + debateId + "\",\"title\":\"Before accounts\",\"description\":null}", template);
        storeVersion1(debateId, 1, "dev.ledger.events.ParticipantJoined",
                "{\"debateId\":\"" + debateId + "\",\"participantId\":\"ada\",\"displayName\":\"Ada\"}", template);

        // the aggregate loads it as a public debate: anyone joins, as a member
        join(debateId, "ben");

        Response feed = admin("/admin/event-store/debates/" + debateId + "/events?fromSequence=1");
        assertThat(feed.status()).isEqualTo(200);
        JsonNode events = feed.body().get("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(events.get(0).get("payload").get("openedBy").isNull()).isTrue();
        assertThat(events.get(0).get("payload").get("visibility").asString()).isEqualTo("public");
        assertThat(events.get(1).get("payload").get("role").asString()).isEqualTo("member");
        assertThat(events.get(2).get("payload").get("participantId").asString()).isEqualTo("ben");
        assertThat(events.get(2).get("payload").get("role").asString()).isEqualTo("member");
    }

    /** Stores a payload as the code before versions 2 of DebateOpened and ParticipantJoined did (revision NULL). */
    private void storeVersion1(String debateId, long sequenceNumber, String payloadType, String payload, String template) {
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier, meta_data,
                                                payload, payload_revision, payload_type, time_stamp)
                SELECT ?, ?, type, ?, meta_data, ?, NULL, ?, ?
                FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0""",
                debateId, sequenceNumber, UUID.randomUUID().toString(), payload.getBytes(StandardCharsets.UTF_8), payloadType,
                Instant.now().toString(), template);
    }

    private static String golden() throws IOException {
        try (InputStream in = StoredEventUpcastingTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
