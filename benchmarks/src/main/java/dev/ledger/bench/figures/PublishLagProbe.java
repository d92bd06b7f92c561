package dev.ledger.bench.figures;

import dev.ledger.bench.workload.Latencies;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Figure 3, measured from outside: a plain consumer on the topic (partitions assigned, starting at the end)
 * takes, for every new record, the time it received it minus the envelope's occurredAt (the Axon timestamp,
 * set when the event was applied in the command's transaction). Same machine, same clock. This is an upper bound
 * of "stored to on Kafka": it adds the consumer's fetch, and includes the command's commit.
 */
final class PublishLagProbe implements AutoCloseable {

    private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\"\\s*:\\s*\"([^\"]+)\"");

    private final Latencies received = new Latencies();
    private final Latencies recordTimestamp = new Latencies();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean ready;
    private volatile String failure;

    PublishLagProbe(String bootstrap, String topic) {
        Instant since = Instant.now();
        thread = new Thread(() -> consume(bootstrap, topic, since), "bench-publish-lag");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits (bounded) until the consumer is positioned at the end of the topic. */
    void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready && failure == null && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    private void consume(String bootstrap, String topic, Instant since) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready = true;
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Instant nowPrecise = Instant.now();
                    Matcher matcher = OCCURRED_AT.matcher(record.value());
                    if (!matcher.find()) {
                        continue;
                    }
                    Instant occurredAt = Instant.parse(matcher.group(1));
                    if (occurredAt.isBefore(since)) {
                        continue;
                    }
                    received.add(Math.max(0, Duration.between(occurredAt, nowPrecise).toNanos()));
                    recordTimestamp.add(Math.max(0, (record.timestamp() - occurredAt.toEpochMilli()) * 1_000_000L));
                }
            }
        } catch (RuntimeException e) {
            failure = e.toString();
        }
    }

    Latencies received() {
        return received;
    }

    Latencies recordTimestamp() {
        return recordTimestamp;
    }

    String failure() {
        return failure;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
