package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import dev.ledger.events.Stance;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live projection consumes a poll's records as one batch; these hold records back so that they arrive in one. */
@ExtendWith(OutputCaptureExtension.class)
class BatchProjectionTest extends QueryServiceTestBase {

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    MeterRegistry meters;

    @Test
    void aBatchWithAnUnreadableRecordAppliesTheGoodOnesAndDeadLettersOnlyTheBadOne() {
        DebateScript first = new DebateScript();
        DebateScript second = new DebateScript();
        EventEnvelope firstOpened = first.open("Batched", null);                               // first 1
        EventEnvelope secondOpened = second.open("Batched too", null);                         // second 1
        EventEnvelope aliceJoined = first.join("alice", "Alice");                             // first 2
        EventEnvelope claimed = first.claim("c1", "Batches apply", "alice");                   // first 3
        EventEnvelope bobJoined = second.join("bob", "Bob");                                   // second 2
        EventEnvelope reasoned = first.reason("r1", "c1", Stance.FOR, "fewer commits", "alice", null); // first 4
        String notJson = "batch {not JSON";
        double appliedBefore = count("ledger.projection.events.applied");
        double deadLetteredBefore = count("ledger.projection.events.dead.lettered");

        whileHeldBack(() -> {
            publish(firstOpened);
            publish(secondOpened);
            publish(claimed);                // ahead of #2: parked, then released by #2 in the same batch
            publish(aliceJoined);
            publishRaw(first.debateId, notJson);
            publish(bobJoined);
            publish(reasoned);
        });

        JsonNode view = awaitAnswer("/debates/" + first.debateId, 4).json();
        assertThat(view.get("sequence").asLong()).isEqualTo(4);
        assertThat(DebateProjectionTest.texts(view.get("claims"), "claimId")).containsExactly("c1");
        assertThat(DebateProjectionTest.texts(view.get("reasons"), "reasonId")).containsExactly("r1");
        JsonNode other = awaitAnswer("/debates/" + second.debateId, 2).json();
        assertThat(DebateProjectionTest.texts(other.get("participants"), "participantId")).containsExactly("bob");
        assertThat(jdbc.sql("SELECT count(*) FROM pending_event WHERE debate_id = :id").param("id", first.debateId)
                .query(Long.class).single()).isZero();

        List<ConsumerRecord<String, String>> deadLetters = deadLettersOf(first.debateId);
        assertThat(deadLetters).extracting(ConsumerRecord::value).containsExactly(notJson);
        assertThat(header(deadLetters.get(0), "ledger-unreadable-reason")).isEqualTo("MALFORMED");
        assertThat(deadLettersOf(second.debateId)).isEmpty();
        assertThat(count("ledger.projection.events.dead.lettered") - deadLetteredBefore).isEqualTo(1.0);
        assertThat(count("ledger.projection.events.applied") - appliedBefore).isEqualTo(6.0);
    }

    @Test
    void aFailingDatabaseIsRetriedWithoutLosingRecordsOrLoggingStackTraces(CapturedOutput output) {
        DebateScript debate = new DebateScript();
        debate.open("Outage", null);
        debate.join("alice", "Alice");
        debate.claim("c1", "Still applied after the outage", "alice");
        double deadLetteredBefore = count("ledger.projection.events.dead.lettered");
        int logBefore = output.getOut().length();

        // The table every event writes to disappears: each attempt at the batch fails until it is back.
        jdbc.sql("ALTER TABLE timeline_entry RENAME TO timeline_entry_away").update();
        try {
            publish(debate.events());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> output.getOut().substring(logBefore).contains("they will be retried"));
        } finally {
            jdbc.sql("ALTER TABLE timeline_entry_away RENAME TO timeline_entry").update();
        }

        JsonNode view = awaitAnswer("/debates/" + debate.debateId, 3).json();
        assertThat(DebateProjectionTest.texts(view.get("claims"), "claimId")).containsExactly("c1");
        assertThat(jdbc.sql("SELECT count(*) FROM timeline_entry WHERE debate_id = :id").param("id", debate.debateId)
                .query(Long.class).single()).isEqualTo(3);
        assertThat(count("ledger.projection.events.dead.lettered")).isEqualTo(deadLetteredBefore);
        String logged = output.getOut().substring(logBefore);
        assertThat(logged).contains("WARN").doesNotContain("\tat dev.ledger").doesNotContain("\tat org.springframework");
    }

    /** Publishes while the listener is paused, so that the records reach it in one poll. */
    private void whileHeldBack(Runnable publishing) {
        MessageListenerContainer projection = listeners.getListenerContainer("ledger-projection");
        projection.pause();
        try {
            await().atMost(Duration.ofSeconds(30)).until(projection::isContainerPaused);
            publishing.run();
        } finally {
            projection.resume();
        }
    }

    /** Every dead letter of the debate, read up to the current end of the dead-letter topic. */
    private List<ConsumerRecord<String, String>> deadLettersOf(String debateId) {
        Map<String, Object> props = KafkaTestUtils.consumerProps(broker, "dlt-reader-" + UUID.randomUUID(), false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC + ".DLT", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (debateId.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
            assertThat(consumer.position(partition)).as("read the dead-letter topic to its end").isGreaterThanOrEqualTo(end);
        }
        return found;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private double count(String meter) {
        return meters.find(meter).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
