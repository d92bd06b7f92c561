package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import dev.ledger.system.JsonHttp.Answer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 7: poison records produced straight to the event topic. Records that can never be read (not JSON; a
 * known type whose payload breaks a rule, credence 1.5) go to {@code ledger.events.DLT} with the reason in the
 * {@code ledger-unreadable-reason} header and are counted; records this reader cannot understand (an unknown
 * type, a newer version of a known type) are recorded as skipped and their sequence counts as applied. The
 * consumer keeps going: later valid events are applied.
 * <p>
 * The skipped records belong to a debate that exists only on the topic (a real debate's next sequence would be
 * taken by its next command), which is why this scenario runs after the rebuild comparison of scenario 1.
 */
@Order(7)
@ExtendWith(ReliabilitySuite.class)
class PoisonMessagesReliabilityIT {

    private static final String DLT = RunningLedger.TOPIC + ".DLT";
    private static final String REASON_HEADER = "ledger-unreadable-reason";

    @Test
    void poisonRecordsAreDeadLetteredOrSkippedAndTheConsumerKeepsGoing() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("7 poison records on the topic");
        RunningLedger ledger = ReliabilitySuite.ledger();
        JsonHttp queries = ledger.queries();
        CommandLoad load = new CommandLoad(ledger.commands());
        Debate real = load.openDebate("poison", 2);
        ProjectionCheck.awaitProjected(queries, ProjectionCheck.storedLastSequences(ledger, List.of(real.id())), Duration.ofSeconds(60));

        double malformedBefore = Prometheus.sum(queries, "ledger_projection_events_dead_lettered_total", "reason=\"MALFORMED\"");
        double invalidBefore = Prometheus.sum(queries, "ledger_projection_events_dead_lettered_total", "reason=\"INVALID_PAYLOAD\"");
        double unknownBefore = Prometheus.sum(queries, "ledger_projection_events_skipped_total", "reason=\"UNKNOWN_TYPE\"");
        double newerBefore = Prometheus.sum(queries, "ledger_projection_events_skipped_total", "reason=\"NEWER_VERSION\"");
        long skippedBefore = projectionDetails(queries).path("skippedEvents").asLong(-1);

        String marker = UUID.randomUUID().toString();
        String notJson = "not an event {" + marker;
        String breaksARule = envelope(UUID.randomUUID().toString(), "ViewUpdated", 2, real.id(), 5, payload(
                "debateId", real.id(), "participantId", "p01", "claimId", real.claimId(), "credence", 1.5,
                "previousCredence", null, "rationale", "poison " + marker, "becauseOf", List.of()));
        String topicOnly = UUID.randomUUID().toString();
        Map<String, String> poison = new LinkedHashMap<>();
        poison.put(real.id() + " MALFORMED", notJson);
        poison.put(real.id() + " INVALID_PAYLOAD", breaksARule);
        List<ProducerRecord<String, String>> records = List.of(
                new ProducerRecord<>(RunningLedger.TOPIC, real.id(), notJson),
                new ProducerRecord<>(RunningLedger.TOPIC, real.id(), breaksARule),
                new ProducerRecord<>(RunningLedger.TOPIC, topicOnly, envelope(UUID.randomUUID().toString(), "DebateOpened", 1, topicOnly, 1,
                        payload("debateId", topicOnly, "title", "Only on the topic", "description", null))),
                new ProducerRecord<>(RunningLedger.TOPIC, topicOnly, envelope(UUID.randomUUID().toString(), "DebateRenamed", 1, topicOnly, 2,
                        payload("debateId", topicOnly, "title", "A type from the future"))),
                new ProducerRecord<>(RunningLedger.TOPIC, topicOnly, envelope(UUID.randomUUID().toString(), "ParticipantJoined", 99, topicOnly, 3,
                        payload("debateId", topicOnly, "participantId", "future", "displayName", "Future", "avatar", "x"))),
                new ProducerRecord<>(RunningLedger.TOPIC, topicOnly, envelope(UUID.randomUUID().toString(), "ParticipantJoined", 1, topicOnly, 4,
                        payload("debateId", topicOnly, "participantId", "survivor", "displayName", "Survivor"))));
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ledger.kafkaBootstrap());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties)) {
            for (ProducerRecord<String, String> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        }
        tally.faultsInjected.addAndGet(4);

        // A real command after the poison, on the debate the poison was keyed to: it must be applied.
        Answer view = ledger.commands().put("/debates/" + real.id() + "/participants/p01/views/" + real.claimId(),
                Map.of("credence", 0.25, "rationale", "after the poison"));
        assertThat(view.status()).as("a command after the poison: %s", view).isEqualTo(200);
        assertThat(view.body().path("sequence").asLong()).isEqualTo(5);
        load.accepted.add(new Accepted(real.id(), 5, "ViewUpdated", "p01"));
        tally.commandsAccepted.set(load.accepted.size());
        ProjectionCheck.Result result = ProjectionCheck.check(ledger, List.of(real.id()), load.accepted, Duration.ofSeconds(60));
        tally.add(result);
        assertThat(result.problems()).as("the real debate after the poison").isEmpty();
        Answer beliefs = queries.get("/debates/" + real.id() + "/participants/p01/beliefs");
        assertThat(beliefs.body().path("beliefs").get(0).path("credence").asDouble())
                .as("p01's credence: the valid 0.25, never the poisoned 1.5").isEqualTo(0.25);

        // The topic-only debate: unknown type and newer version skipped, the valid event after them applied.
        ProjectionCheck.awaitProjected(queries, Map.of(topicOnly, 4L), Duration.ofSeconds(30));
        Answer onlyOnTopic = queries.get("/debates/" + topicOnly);
        assertThat(onlyOnTopic.status()).as("the debate that exists only on the topic: %s", onlyOnTopic).isEqualTo(200);
        assertThat(onlyOnTopic.body().path("sequence").asLong()).as("its sequence: #2 and #3 skipped, #4 applied").isEqualTo(4);
        List<String> participants = new ArrayList<>();
        onlyOnTopic.body().path("participants").forEach(p -> participants.add(p.path("participantId").asString()));
        assertThat(participants).containsExactly("survivor");

        // Dead letters: each unreadable record once on the DLT, with its reason.
        List<ConsumerRecord<String, String>> deadLetters = TopicReader.read(ledger.kafkaBootstrap(), DLT,
                read -> read.stream().filter(record -> poison.containsValue(record.value())).count() >= 2, Duration.ofSeconds(30));
        for (Map.Entry<String, String> sent : poison.entrySet()) {
            String reason = sent.getKey().substring(sent.getKey().indexOf(' ') + 1);
            List<ConsumerRecord<String, String>> copies = deadLetters.stream().filter(record -> sent.getValue().equals(record.value())).toList();
            assertThat(copies).as("%s record on %s", reason, DLT).hasSize(1);
            ConsumerRecord<String, String> copy = copies.get(0);
            assertThat(copy.key()).isEqualTo(real.id());
            Header header = copy.headers().lastHeader(REASON_HEADER);
            assertThat(header).as("header %s on the %s dead letter", REASON_HEADER, reason).isNotNull();
            assertThat(new String(header.value(), StandardCharsets.UTF_8)).isEqualTo(reason);
            assertThat(copy.headers().lastHeader("kafka_dlt-exception-message")).as("Spring's exception header").isNotNull();
        }
        assertThat(deadLetters).as("records of the topic-only debate on the DLT (they must be skipped, not dead-lettered)")
                .noneMatch(record -> topicOnly.equals(record.key()));

        assertThat(Prometheus.sum(queries, "ledger_projection_events_dead_lettered_total", "reason=\"MALFORMED\"") - malformedBefore)
                .as("dead-letter counter, MALFORMED").isEqualTo(1.0);
        assertThat(Prometheus.sum(queries, "ledger_projection_events_dead_lettered_total", "reason=\"INVALID_PAYLOAD\"") - invalidBefore)
                .as("dead-letter counter, INVALID_PAYLOAD").isEqualTo(1.0);
        assertThat(Prometheus.sum(queries, "ledger_projection_events_skipped_total", "reason=\"UNKNOWN_TYPE\"") - unknownBefore)
                .as("skipped counter, UNKNOWN_TYPE").isEqualTo(1.0);
        assertThat(Prometheus.sum(queries, "ledger_projection_events_skipped_total", "reason=\"NEWER_VERSION\"") - newerBefore)
                .as("skipped counter, NEWER_VERSION").isEqualTo(1.0);
        assertThat(projectionDetails(queries).path("skippedEvents").asLong(-1) - skippedBefore)
                .as("skipped events recorded (health component 'projection', skippedEvents)").isEqualTo(2);
        tally.note("2 dead-lettered, 2 skipped");
    }

    private static JsonNode projectionDetails(JsonHttp queries) {
        return queries.get("/actuator/health").body().path("components").path("projection").path("details");
    }

    private static Map<String, Object> payload(Object... keysAndValues) {
        Map<String, Object> payload = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            payload.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return payload;
    }

    private static String envelope(String eventId, String type, int version, String debateId, long sequence, Map<String, Object> payload) {
        ObjectNode envelope = JsonHttp.JSON.createObjectNode();
        envelope.put("eventId", eventId);
        envelope.put("type", type);
        envelope.put("version", version);
        envelope.put("debateId", debateId);
        envelope.put("sequence", sequence);
        envelope.put("occurredAt", Instant.now().toString());
        envelope.set("payload", JsonHttp.JSON.valueToTree(payload));
        return JsonHttp.JSON.writeValueAsString(envelope);
    }
}
