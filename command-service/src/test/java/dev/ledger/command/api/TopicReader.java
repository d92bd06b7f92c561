package dev.ledger.command.api;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Reads the event topic from the beginning (fresh consumer group) and keeps one debate's records, in order. */
final class TopicReader {

    private TopicReader() {
    }

    static List<ConsumerRecord<String, String>> recordsOf(String bootstrapServers, String debateId,
                                                          Predicate<List<ConsumerRecord<String, String>>> enough,
                                                          Duration timeout) {
        return recordsOf(bootstrapServers, "ledger.events", debateId, enough, timeout);
    }

    static List<ConsumerRecord<String, String>> recordsOf(String bootstrapServers, String topic, String debateId,
                                                          Predicate<List<ConsumerRecord<String, String>>> enough,
                                                          Duration timeout) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!enough.test(found) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                    if (debateId.equals(record.key())) {
                        found.add(record);
                    }
                }
            }
        }
        return found;
    }
}
