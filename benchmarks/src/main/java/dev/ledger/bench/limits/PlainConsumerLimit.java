package dev.ledger.bench.limits;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The raw read limit of the topic: a plain Kafka consumer (no group, partitions assigned by hand) reading every
 * record of the topic from the beginning to the end offsets seen at its start, values decoded to strings and
 * nothing else done with them.
 */
public final class PlainConsumerLimit {

    /** Records read and the rate. */
    public record Read(long records, long characters, double seconds) {
        public double recordsPerSecond() {
            return seconds <= 0 ? 0 : records / seconds;
        }
    }

    private final String bootstrap;
    private final String topic;

    public PlainConsumerLimit(String bootstrap, String topic) {
        this.bootstrap = bootstrap;
        this.topic = topic;
    }

    public Read readWholeTopic(Duration timeout) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(assigned);
            long expected = 0;
            for (TopicPartition partition : assigned) {
                expected += ends.get(partition) - begins.get(partition);
            }
            long start = System.nanoTime();
            long deadline = start + timeout.toNanos();
            long read = 0;
            long bytes = 0;
            while (read < expected && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                for (var record : records) {
                    // Touch each value, as any real consumer would.
                    bytes += record.value() == null ? 0 : record.value().length();
                    read++;
                }
            }
            return new Read(read, bytes, (System.nanoTime() - start) / 1e9);
        }
    }
}
