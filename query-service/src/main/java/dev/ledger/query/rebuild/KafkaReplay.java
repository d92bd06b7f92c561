package dev.ledger.query.rebuild;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A dedicated consumer that reads the event topic from the start for a rebuild: all partitions assigned, no
 * consumer group (nothing committed to Kafka; the offsets reached are kept in the rebuild's bookkeeping).
 */
class KafkaReplay implements AutoCloseable {

    /** Receives each polled chunk with the next offset of every partition after it. */
    interface Chunks {
        void accept(List<String> values, Map<Integer, Long> nextOffsets);
    }

    private static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    KafkaReplay(Map<String, Object> consumerConfig, String topic, int chunkSize) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ledger-rebuild");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, chunkSize);
        config.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
        if (infos == null || infos.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
        }
        infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        consumer.assign(partitions);
    }

    Map<Integer, Long> beginningOffsets() {
        return byPartition(consumer.beginningOffsets(partitions, Duration.ofSeconds(10)));
    }

    Map<Integer, Long> endOffsets() {
        return byPartition(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
    }

    /** Positions every partition at its stored next offset, or at its beginning when none is stored. */
    void seek(Map<Integer, Long> stored) {
        Map<Integer, Long> beginning = beginningOffsets();
        for (TopicPartition partition : partitions) {
            long offset = Math.max(stored.getOrDefault(partition.partition(), 0L), beginning.get(partition.partition()));
            consumer.seek(partition, offset);
        }
    }

    Map<Integer, Long> positions() {
        Map<Integer, Long> positions = new HashMap<>();
        partitions.forEach(partition -> positions.put(partition.partition(), consumer.position(partition)));
        return positions;
    }

    /** Reads until every partition's position reaches its target; {@code between} runs before each poll. */
    void readUntil(Map<Integer, Long> targets, Chunks chunks, Runnable between) {
        long lastProgress = System.nanoTime();
        while (!reached(targets)) {
            between.run();
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
            if (records.isEmpty()) {
                if (System.nanoTime() - lastProgress > STALL_LIMIT.toNanos()) {
                    throw new IllegalStateException("the topic returned nothing for " + STALL_LIMIT.toSeconds()
                            + " s before its end offsets " + targets + " (at " + positions() + ")");
                }
                continue;
            }
            lastProgress = System.nanoTime();
            List<String> values = new ArrayList<>(records.count());
            for (ConsumerRecord<String, String> record : records) {
                values.add(record.value());
            }
            chunks.accept(values, positions());
        }
    }

    private boolean reached(Map<Integer, Long> targets) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < targets.get(partition.partition())) {
                return false;
            }
        }
        return true;
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> result = new HashMap<>();
        offsets.forEach((partition, offset) -> result.put(partition.partition(), offset));
        return result;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
