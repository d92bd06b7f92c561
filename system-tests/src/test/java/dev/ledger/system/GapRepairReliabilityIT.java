package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import dev.ledger.system.JsonHttp.Answer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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

        String heldEventId = UUID.randomUUID().toString();
        try (Connection held = ledger.commandDatabase(); Connection autoCommit = ledger.commandDatabase()) {
            HeldAppend.EventRow joined = HeldAppend.participantJoinedRow(held, gapped.id());
            held.setAutoCommit(false);
            HeldAppend.insert(held, gapped.id(), 3, heldEventId, HeldAppend.withParticipant(joined, gapped.id(), "gap-writer"), Instant.now());
            tally.fault();
            // The next global index, committed at once, with a time stamp older than the gap timeout (2 s) but younger
            // than the default (60 s): the publisher reads it as a publisher lagging a few seconds behind would, and
            // with LEDGER_GAP_TIMEOUT_MS=2000 gives up the held index for good (Axon keeps a gap only while the events
            // after it are younger than the gap timeout). Without the lag a held transaction is picked up when it commits.
            HeldAppend.insert(autoCommit, neighbour.id(), 3, UUID.randomUUID().toString(),
                    HeldAppend.withParticipant(HeldAppend.participantJoinedRow(autoCommit, neighbour.id()), neighbour.id(), "late-reader"),
                    Instant.now().minusSeconds(10));
            // Commands on another debate are stored and published while the transaction stays open (> 2 s).
            long until = System.nanoTime() + Duration.ofMillis(3500).toNanos();
            load.start(List.of(others), 100_000, Duration.ofMillis(50), () -> System.nanoTime() < until).join();
            held.commit();
        }
        load.accepted.add(new Accepted(gapped.id(), 4, "ParticipantJoined", "gap-writer"));
        load.accepted.add(new Accepted(neighbour.id(), 4, "ParticipantJoined", "late-reader"));

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
