package dev.ledger.query.catchup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * How far the projection's consumer group is behind the end of the event topic, per partition: the end
 * offset minus the group's committed offset (or minus the earliest offset while nothing is committed, as
 * the projection then starts from the beginning). Asked of the broker at most once per refresh interval.
 */
@Component
public class ConsumerLag implements AutoCloseable {

    /** The lag per partition at one moment; empty when the broker could not be asked. */
    public record Reading(Instant at, Map<Integer, Long> byPartition, String problem) {

        public long total() {
            return byPartition.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean known() {
            return problem == null;
        }
    }

    private final Admin admin;
    private final String topic;
    private final String group;
    private final Duration refresh;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();
    private final Map<Integer, Long> gaugedLag = new ConcurrentHashMap<>();
    private volatile Reading last;

    public ConsumerLag(KafkaAdmin kafkaAdmin, MeterRegistry meters,
                       @Value("${ledger.topic}") String topic,
                       @Value("${ledger.query.group}") String group,
                       @Value("${ledger.query.catch-up.refresh:2s}") Duration refresh) {
        this.admin = Admin.create(kafkaAdmin.getConfigurationProperties());
        this.meters = meters;
        this.topic = topic;
        this.group = group;
        this.refresh = refresh;
    }

    public synchronized Reading read() {
        Reading cached = last;
        if (cached != null && cached.at().plus(refresh).isAfter(clock.instant())) {
            return cached;
        }
        Reading fresh = askTheBroker();
        fresh.byPartition().forEach(this::gauge);
        last = fresh;
        return fresh;
    }

    private Reading askTheBroker() {
        try {
            var partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
                    .get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())))
                    .all().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> starts = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest())))
                    .all().get(5, TimeUnit.SECONDS);
            Map<Integer, Long> lag = new TreeMap<>();
            for (TopicPartition partition : partitions) {
                long consumedUpTo = Optional.ofNullable(committed.get(partition))
                        .map(OffsetAndMetadata::offset)
                        .orElse(starts.get(partition).offset());
                lag.put(partition.partition(), Math.max(0, ends.get(partition).offset() - consumedUpTo));
            }
            return new Reading(clock.instant(), lag, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(clock.instant(), Map.of(), "interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Reading(clock.instant(), Map.of(), "could not ask Kafka for the lag of group " + group
                    + " on " + topic + ": " + cause.getMessage());
        }
    }

    private void gauge(int partition, long lag) {
        if (gaugedLag.put(partition, lag) == null) {
            Gauge.builder("ledger.projection.consumer.lag", gaugedLag, values -> values.getOrDefault(partition, 0L))
                    .description("Events on the topic that the projection has not applied yet, per partition")
                    .tag("topic", topic)
                    .tag("partition", String.valueOf(partition))
                    .register(meters);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
