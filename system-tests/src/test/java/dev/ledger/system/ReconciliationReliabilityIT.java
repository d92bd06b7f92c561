package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 10: like scenario 6, an append held open past the publisher's gap timeout (LEDGER_GAP_TIMEOUT_MS=2000)
 * is never published, but here it is its debate's LAST event and nobody writes to that debate again, so no later
 * event makes the query side notice a gap. Reconciliation (every 30 s, LEDGER_RECONCILIATION_INTERVAL) must find the
 * debate behind the event store and bring it up to date within one period plus its 2 s grace.
 */
@Order(10)
@ExtendWith(ReliabilitySuite.class)
class ReconciliationReliabilityIT {

    private static final Duration RECONCILIATION_BOUND = Duration.ofSeconds(30 + 2 + 3);

    @Test
    void anEventThePublisherGaveUpOnThatWasItsDebatesLastIsReconciled() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("10 held last event, reconciliation");
        RunningLedger ledger = ReliabilitySuite.ledger();
        ledger.commandService().restart(Map.of("LEDGER_GAP_TIMEOUT_MS", "2000"));
        ledger.commandService().awaitReady();
        CommandLoad load = new CommandLoad(ledger.commands());
        Debate quiet = load.openDebate("reconciled", 1);
        Debate neighbour = load.openDebate("reconciled neighbour", 1);
        Debate others = load.openDebate("reconciled others", 3);
        List<String> debates = List.of(quiet.id(), neighbour.id(), others.id());
        ProjectionCheck.awaitProjected(ledger.queries(), ProjectionCheck.storedLastSequences(ledger, debates), Duration.ofSeconds(60));

        HeldAppend.Held held = HeldAppend.pastTheGapTimeout(ledger, load, quiet, "last-word", neighbour, others, tally);
        String heldEventId = held.eventId();
        long committedAt = held.committedAtNanos();
        tally.commandsAccepted.set(load.accepted.size());

        // Nothing more is written to the quiet debate; the query side must find its fourth event by itself.
        long visibleAfterNanos = -1;
        long giveUpAt = committedAt + RECONCILIATION_BOUND.plusSeconds(30).toNanos();
        while (System.nanoTime() < giveUpAt) {
            if (ProjectionCheck.projectedSequence(ledger.queries(), quiet.id()) >= 4) {
                visibleAfterNanos = System.nanoTime() - committedAt;
                break;
            }
            Thread.sleep(250);
        }
        assertThat(visibleAfterNanos).as("the quiet debate's last event never became visible (%s after its commit)",
                RECONCILIATION_BOUND.plusSeconds(30)).isPositive();
        Duration took = Duration.ofNanos(visibleAfterNanos);
        tally.note(String.format("time to visible after the held commit %.1f s (bound %d s)", took.toMillis() / 1000.0,
                RECONCILIATION_BOUND.toSeconds()));
        assertThat(took).as("time from the held append's commit until the query side showed it").isLessThanOrEqualTo(RECONCILIATION_BOUND);

        List<ConsumerRecord<String, String>> records = TopicReader.read(ledger.kafkaBootstrap(), RunningLedger.TOPIC,
                read -> read.stream().anyMatch(record -> neighbour.id().equals(record.key()) && record.value().contains("\"sequence\":4")),
                Duration.ofSeconds(30));
        assertThat(records.stream().noneMatch(record -> record.value().contains(heldEventId)))
                .as("precondition: the publisher gave the held event's index up and never published it").isTrue();

        ProjectionCheck.Result result = ProjectionCheck.check(ledger, debates, load.accepted, Duration.ofSeconds(45));
        tally.add(result);
        assertThat(result.problems()).as("stored events vs. what the query API shows").isEmpty();
        assertThat(Prometheus.sum(ledger.queries(), "ledger_projection_reconciled_total", null))
                .as("counter ledger.projection.reconciled").isGreaterThanOrEqualTo(1);
    }
}
