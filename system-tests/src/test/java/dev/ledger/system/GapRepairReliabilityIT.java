package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import dev.ledger.system.JsonHttp.Answer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 6: an append transaction held open past the publisher's gap timeout. The command-service runs with
 * LEDGER_GAP_TIMEOUT_MS=2000; with plain JDBC a valid event row for a real debate is inserted at its next
 * sequence and kept uncommitted while commands on other debates are stored and published for more than 2 s,
 * then committed. The publisher has given up that global index, so the event never reaches Kafka; the query side
 * must notice the debate's missing sequence and repair it from the event store (the command-service's feed).
 */
@Order(6)
@ExtendWith(ReliabilitySuite.class)
class GapRepairReliabilityIT {

    @Test
    void anEventThePublisherGaveUpOnIsRepairedFromTheEventStore() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("6 held transaction, gap repair");
        RunningLedger ledger = ReliabilitySuite.ledger();
        ledger.commandService().restart(Map.of("LEDGER_GAP_TIMEOUT_MS", "2000"));
        JsonHttp commands = ledger.commands();
        CommandLoad load = new CommandLoad(commands);
        Debate gapped = load.openDebate("gap", 1);
        Debate neighbour = load.openDebate("gap neighbour", 1);
        Debate others = load.openDebate("gap others", 3);
        List<String> debates = List.of(gapped.id(), neighbour.id(), others.id());
        ProjectionCheck.awaitProjected(ledger.queries(), ProjectionCheck.storedLastSequences(ledger, debates), Duration.ofSeconds(60));

        String heldEventId = HeldAppend.pastTheGapTimeout(ledger, load, gapped, "gap-writer", neighbour, others, tally).eventId();

        Answer after = commands.post("/debates/" + gapped.id() + "/participants", Map.of("participantId", "after-gap", "displayName", "After"));
        assertThat(after.status()).as("join after the held event: %s", after).isEqualTo(201);
        assertThat(after.body().path("sequence").asLong()).as("the held event took sequence 4 in the event store").isEqualTo(5);
        load.accepted.add(new Accepted(gapped.id(), 5, "ParticipantJoined", "after-gap"));
        tally.commandsAccepted.set(load.accepted.size());

        // Precondition: the publisher put #5 of the debate on the topic but never the held event (#4).
        List<ConsumerRecord<String, String>> records = TopicReader.read(ledger.kafkaBootstrap(), RunningLedger.TOPIC,
                read -> read.stream().anyMatch(record -> gapped.id().equals(record.key()) && record.value().contains("\"sequence\":5")),
                Duration.ofSeconds(30));
        assertThat(records.stream().anyMatch(record -> gapped.id().equals(record.key()) && record.value().contains("\"sequence\":5")))
                .as("the debate's #5 was published").isTrue();
        assertThat(records.stream().noneMatch(record -> record.value().contains(heldEventId)))
                .as("precondition: the publisher (LEDGER_GAP_TIMEOUT_MS=2000) gave up the held event's index and never published it; "
                        + "it was published, so the command-service did not apply the 2 s gap timeout").isTrue();

        ProjectionCheck.Result result = ProjectionCheck.check(ledger, debates, load.accepted, Duration.ofSeconds(45));
        tally.add(result);
        assertThat(result.problems()).as("the query side must repair the debate from the event store").isEmpty();
        Answer overview = ledger.queries().get("/debates/" + gapped.id());
        List<String> participants = new ArrayList<>();
        overview.body().path("participants").forEach(p -> participants.add(p.path("participantId").asString()));
        assertThat(participants).as("participants of the repaired debate").containsExactly("p00", "gap-writer", "after-gap");

        Answer health = ledger.queries().get("/actuator/health");
        JsonNode projection = health.body().path("components").path("projection");
        assertThat(repairedCount(projection.path("details")))
                .as("query-service health component 'projection' must report the repaired gap: %s", projection).isGreaterThanOrEqualTo(1);
        assertThat(Prometheus.sum(ledger.queries(), "ledger_projection_gaps_repaired_total", null))
                .as("counter ledger.projection.gaps.repaired").isGreaterThanOrEqualTo(1);
    }

    /** The largest number found under a key naming repairs (e.g. gapsRepaired), anywhere in the health details. */
    private static long repairedCount(JsonNode node) {
        long found = -1;
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().toLowerCase().contains("repaired")) {
                    JsonNode value = field.getValue();
                    found = Math.max(found, value.isNumber() ? value.asLong() : value.isArray() ? value.size() : -1);
                }
                found = Math.max(found, repairedCount(field.getValue()));
            }
        }
        return found;
    }
}
