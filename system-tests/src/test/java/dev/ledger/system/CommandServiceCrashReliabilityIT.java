package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 2: the command-service is killed with SIGKILL after events are stored but before they are published.
 * Kafka is stopped first, so a burst of accepted commands is stored and certainly not yet on the topic when the
 * process dies; then Kafka and the command-service come back. Every stored event must reach the query side, once.
 */
@Order(2)
@ExtendWith(ReliabilitySuite.class)
class CommandServiceCrashReliabilityIT {

    private static final int DEBATES = 3;
    private static final int COMMANDS_PER_DEBATE = 250;

    @Test
    void eventsStoredButNotPublishedWhenTheCommandServiceDiesArriveOnceAfterItsRestart() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("2 command-service kill -9, unpublished");
        RunningLedger ledger = ReliabilitySuite.ledger();
        CommandLoad load = new CommandLoad(ledger.commands());
        List<Debate> debates = new ArrayList<>();
        for (int i = 0; i < DEBATES; i++) {
            debates.add(load.openDebate("command crash " + i, 4));
        }
        ProjectionCheck.awaitProjected(ledger.queries(), ProjectionCheck.storedLastSequences(ledger, CommandLoad.ids(debates)),
                Duration.ofSeconds(60));

        ledger.kafka().stop();
        tally.fault();
        try {
            load.run(debates, COMMANDS_PER_DEBATE);
            assertThat(load.refused).as("commands refused while Kafka was down (storing must not need Kafka)").isEmpty();
            Map<String, Long> stored = ProjectionCheck.storedLastSequences(ledger, CommandLoad.ids(debates));
            long projectedBeforeKill = 0;
            long storedBeforeKill = 0;
            for (Map.Entry<String, Long> debate : stored.entrySet()) {
                projectedBeforeKill += ProjectionCheck.projectedSequence(ledger.queries(), debate.getKey());
                storedBeforeKill += debate.getValue();
            }
            tally.note((storedBeforeKill - projectedBeforeKill) + " stored events unpublished at the kill");
            assertThat(projectedBeforeKill).as("precondition: events stored but not yet projected when the command-service dies")
                    .isLessThan(storedBeforeKill);
            ledger.commandService().kill9();
            tally.fault();
        } finally {
            if (!ledger.kafka().isRunning()) {
                ledger.kafka().startBroker();
            }
        }
        ledger.commandService().restart();
        tally.commandsAccepted.set(load.accepted.size());

        ProjectionCheck.Result result = ProjectionCheck.check(ledger, CommandLoad.ids(debates), load.accepted, Duration.ofSeconds(120));
        tally.add(result);
        assertThat(result.problems()).as("stored events vs. what the query API shows").isEmpty();
        assertThat(result.lost()).isZero();
        assertThat(result.duplicates()).isZero();
        assertThat(result.projected()).isEqualTo(result.stored());
    }
}
