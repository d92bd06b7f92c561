package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * process dies; then Kafka and the command-service come back. Every stored event must reach the query side, once,
 * and must have been published to the topic by the publisher itself: the query side's gap repair would hide a
 * publisher that loses events (it fetches what is missing from the event store), so the topic is checked too.
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
        long ready = ledger.commandService().awaitReady();
        // The claim is stored after the whole unpublished backlog, so it is visible only once all of it was published.
        TimeToVisible.measure(ledger, load, debates.get(0), ready, Duration.ofSeconds(5), tally, "the command-service's restart");
        tally.commandsAccepted.set(load.accepted.size());

        ProjectionCheck.Result result = ProjectionCheck.check(ledger, CommandLoad.ids(debates), load.accepted, Duration.ofSeconds(120));
        tally.add(result);
        assertThat(result.problems()).as("stored events vs. what the query API shows").isEmpty();
        assertThat(result.lost()).isZero();
        assertThat(result.duplicates()).isZero();
        assertThat(result.projected()).isEqualTo(result.stored());

        Map<String, Long> stored = ProjectionCheck.storedLastSequences(ledger, CommandLoad.ids(debates));
        Map<String, java.util.Set<Long>> onTopic = new java.util.HashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.readAll(ledger.kafkaBootstrap(), RunningLedger.TOPIC, Duration.ofSeconds(60))) {
            if (stored.containsKey(record.key())) {
                onTopic.computeIfAbsent(record.key(), key -> new java.util.TreeSet<>()).add(sequenceOf(record.value()));
            }
        }
        List<String> unpublished = new ArrayList<>();
        stored.forEach((debateId, last) -> {
            for (long sequence = 1; sequence <= last; sequence++) {
                if (!onTopic.getOrDefault(debateId, java.util.Set.of()).contains(sequence)) {
                    unpublished.add(debateId + "#" + sequence);
                }
            }
        });
        assertThat(unpublished).as("stored events the publisher never put on the topic (at least once)").isEmpty();

        // Killed again, this time while commands are being appended: every debate's Merkle tree head, kept in the
        // transaction of its events, must still equal a recomputation from the stored rows.
        CommandLoad underLoad = new CommandLoad(ledger.commands());
        Thread writer = new Thread(() -> {
            try {
                underLoad.run(debates, COMMANDS_PER_DEBATE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-during-kill");
        writer.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (underLoad.accepted.size() < 20 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ledger.commandService().kill9();
        tally.fault();
        writer.join(Duration.ofSeconds(120).toMillis());
        ledger.commandService().restart();
        tally.note(underLoad.accepted.size() + " commands accepted in the run killed under load");
        assertThat(underLoad.accepted).as("commands accepted before the kill under load").isNotEmpty();
        Map<String, Long> storedAfter = ProjectionCheck.storedLastSequences(ledger, CommandLoad.ids(debates));
        for (Debate debate : debates) {
            JsonHttp.Answer check = ledger.commandAdmin().post("/admin/history/verify?debateId=" + debate.id(), Map.of());
            assertThat(check.status()).as("%s", check).isEqualTo(200);
            tools.jackson.databind.JsonNode tree = check.body().get("debates").get(0);
            assertThat(tree.get("valid").asBoolean()).as("tree of %s after kill -9 under load: %s", debate.id(), tree).isTrue();
            assertThat(tree.get("treeSize").asLong()).as("tree size of %s", debate.id()).isEqualTo(storedAfter.get(debate.id()));
        }
    }

    private static long sequenceOf(String envelope) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"sequence\":(\\d+)").matcher(envelope);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }
}
