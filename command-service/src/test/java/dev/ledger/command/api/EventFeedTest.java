package dev.ledger.command.api;

import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin event feed: the event store read back as the exact envelopes the publisher sends to Kafka. */
class EventFeedTest extends IntegrationTestBase {

    private final EventCodec codec = new EventCodec();

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void eventsArePagedBySequenceWithTheDebatesLastSequence() {
        String debateId = openDebate();
        join(debateId, "alice");
        join(debateId, "bob");
        stateClaim(debateId, "alice");
        stateClaim(debateId, "bob");

        Response all = admin("/admin/event-store/debates/" + debateId + "/events");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.text("debateId")).isEqualTo(debateId);
        assertThat(all.body().get("lastSequence").asLong()).isEqualTo(5);
        assertThat(sequences(all)).containsExactly(1L, 2L, 3L, 4L, 5L);

        Response middle = admin("/admin/event-store/debates/" + debateId + "/events?fromSequence=2&limit=2");
        assertThat(sequences(middle)).containsExactly(2L, 3L);
        assertThat(middle.body().get("lastSequence").asLong()).isEqualTo(5);
        Response rest = admin("/admin/event-store/debates/" + debateId + "/events?fromSequence=4&limit=10000");
        assertThat(sequences(rest)).containsExactly(4L, 5L);
        Response beyond = admin("/admin/event-store/debates/" + debateId + "/events?fromSequence=6");
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(beyond.body().get("events").size()).isZero();
        assertThat(beyond.body().get("lastSequence").asLong()).isEqualTo(5);

        List<EventEnvelope> envelopes = new ArrayList<>();
        all.body().get("events").forEach(event -> envelopes.add(codec.fromJson(event.toString())));
        assertThat(envelopes).extracting(EventEnvelope::debateId).containsOnly(debateId);
        assertThat(envelopes).extracting(EventEnvelope::type)
                .containsExactly("DebateOpened", "ParticipantJoined", "ParticipantJoined", "ClaimStated", "ClaimStated");
        List<String> storedIds = jdbc.queryForList(
                "SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                String.class, debateId);
        assertThat(envelopes).extracting(EventEnvelope::eventId).containsExactlyElementsOf(storedIds);
    }

    @Test
    void feedEventsAreByteIdenticalToTheKafkaRecords() {
        String debateId = openDebate();
        join(debateId, "carol");
        String claimId = stateClaim(debateId, "carol");
        assertThat(send("PUT", "/debates/" + debateId + "/participants/carol/views/" + claimId,
                "{\"credence\":0.35,\"rationale\":\"Ünïcode & \\\"quotes\\\"\",\"becauseOf\":[]}").status()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = TopicReader.recordsOf(
                bootstrapServers, debateId, found -> found.size() >= 4, Duration.ofSeconds(30));
        assertThat(records).hasSize(4);
        Response feed = admin("/admin/event-store/debates/" + debateId + "/events");

        String events = feed.raw().substring(feed.raw().indexOf("\"events\":[") + "\"events\":[".length(), feed.raw().lastIndexOf(']'));
        String published = String.join(",", records.stream().map(ConsumerRecord::value).toList());
        assertThat(events).isEqualTo(published);
    }

    @Test
    void debatesArePagedInIdOrderWithTheirLastSequence() {
        Map<String, Long> mine = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            String debateId = openDebate();
            for (int j = 0; j < i; j++) {
                join(debateId, "p" + j);
            }
            mine.put(debateId, (long) i + 1);
        }

        Map<String, Long> listed = new LinkedHashMap<>();
        String after = null;
        int pages = 0;
        do {
            Response page = admin("/admin/event-store/debates?limit=2" + (after == null ? "" : "&after=" + after));
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().get("debates").size()).isLessThanOrEqualTo(2);
            page.body().get("debates").forEach(debate ->
                    listed.put(debate.get("debateId").asString(), debate.get("lastSequence").asLong()));
            JsonNode next = page.body().get("next");
            assertThat(next).as("next is present, null on the last page").isNotNull();
            after = next.isNull() ? null : next.asString();
            pages++;
        } while (after != null && pages < 10_000);

        assertThat(listed).containsAllEntriesOf(mine);
        assertThat(new ArrayList<>(listed.keySet())).isSorted();
        assertThat((long) listed.size()).isEqualTo(
                jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry", Long.class));
        Response everything = admin("/admin/event-store/debates");
        assertThat(everything.body().get("next").isNull()).isTrue();
    }

    @Test
    void anUnknownDebateIs404() {
        Response response = admin("/admin/event-store/debates/" + UUID.randomUUID() + "/events");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("urn:ledger:problem:not-found");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("debateId");
    }

    @Test
    void badParametersAre400NamingTheParameter() {
        String debateId = openDebate();
        String events = "/admin/event-store/debates/" + debateId + "/events";
        assertBadParameter(admin(events + "?limit=0"), "limit");
        assertBadParameter(admin(events + "?limit=10001"), "limit");
        assertBadParameter(admin(events + "?limit=lots"), "limit");
        assertBadParameter(admin(events + "?fromSequence=0"), "fromSequence");
        assertBadParameter(admin(events + "?fromSequence=-3"), "fromSequence");
        assertBadParameter(admin("/admin/event-store/debates/not-a-uuid/events"), "debateId");
        assertBadParameter(admin("/admin/event-store/debates?limit=0"), "limit");
        assertBadParameter(admin("/admin/event-store/debates?limit=99999"), "limit");
        assertBadParameter(admin("/admin/event-store/debates?after=zzz"), "after");
    }

    private static void assertBadParameter(Response response, String parameter) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("urn:ledger:problem:validation");
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo(parameter);
    }

    private static List<Long> sequences(Response response) {
        List<Long> sequences = new ArrayList<>();
        response.body().get("events").forEach(event -> sequences.add(event.get("sequence").asLong()));
        return sequences;
    }
}
