package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import dev.ledger.system.JsonHttp.Answer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario 3: the Kafka broker is stopped for 30 s while clients keep sending commands. Commands keep succeeding,
 * the command-service's health component {@code publishing} shows the backlog, and once the broker is back
 * everything is projected, once.
 */
@Order(3)
@ExtendWith(ReliabilitySuite.class)
class KafkaOutageReliabilityIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void commandsSucceedDuringABrokerOutageAndEverythingIsProjectedAfterIt() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("3 Kafka broker down 30 s");
        RunningLedger ledger = ReliabilitySuite.ledger();
        CommandLoad load = new CommandLoad(ledger.commands());
        List<Debate> debates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            debates.add(load.openDebate("kafka outage " + i, 4));
        }
        ProjectionCheck.awaitProjected(ledger.queries(), ProjectionCheck.storedLastSequences(ledger, CommandLoad.ids(debates)),
                Duration.ofSeconds(60));
        int acceptedBefore = load.accepted.size();

        List<String> healthDuringOutage = new ArrayList<>();
        long maxBacklog = -1;
        ledger.kafka().stop();
        tally.fault();
        long outageEnds = System.nanoTime() + OUTAGE.toNanos();
        try {
            Thread running = load.start(debates, 100_000, Duration.ofMillis(20), () -> System.nanoTime() < outageEnds);
            Thread.sleep(OUTAGE.toMillis() / 2);
            while (System.nanoTime() < outageEnds - 3_000_000_000L) {
                Answer health = ledger.commands().get("/actuator/health", Duration.ofSeconds(5));
                JsonNode backlog = health.body().path("components").path("publishing").path("details").path("backlog");
                if (backlog.isNumber()) {
                    maxBacklog = Math.max(maxBacklog, backlog.asLong());
                } else {
                    healthDuringOutage.add(health.toString());
                }
                Thread.sleep(2000);
            }
            running.join(OUTAGE.toMillis() + 30_000);
        } finally {
            ledger.kafka().startBroker();
        }
        long brokerBack = System.nanoTime();
        // The claim is stored after everything accepted during the outage: visible only once all of it was published.
        TimeToVisible.measure(ledger, load, debates.get(0), brokerBack, Duration.ofSeconds(10), tally, "the broker's return");
        tally.commandsAccepted.set(load.accepted.size());
        tally.note((load.accepted.size() - acceptedBefore) + " accepted during the outage, max publishing backlog seen " + maxBacklog);
        assertThat(load.refused).as("commands refused while Kafka was down").isEmpty();
        assertThat(load.accepted.size() - acceptedBefore).as("commands accepted during the outage").isGreaterThan(500);

        ProjectionCheck.Result result = ProjectionCheck.check(ledger, CommandLoad.ids(debates), load.accepted, Duration.ofSeconds(150));
        tally.add(result);
        assertThat(result.problems()).as("stored events vs. what the query API shows").isEmpty();
        assertThat(result.lost()).isZero();
        assertThat(result.duplicates()).isZero();

        assertThat(maxBacklog)
                .as("command-service health component 'publishing' must report a backlog > 0 while Kafka is down; "
                        + "answers without a numeric components.publishing.details.backlog: %s",
                        healthDuringOutage.stream().limit(1).toList())
                .isGreaterThan(0);
    }
}
