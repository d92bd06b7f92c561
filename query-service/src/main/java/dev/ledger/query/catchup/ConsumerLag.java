package dev.ledger.query.catchup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    /**
     * The lag per partition at one moment; empty when the broker could not be asked. {@code retained}: the records
     * the topic holds; {@code fromStart}: whether it still holds every record ever written (no partition trimmed).
     */
    public record Reading(Instant at, Map<Integer, Long> byPartition, long retained, boolean fromStart, String problem) {

        public long total() {
            return byPartition.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean known() {
            return problem == null;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ConsumerLag.class);

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

    /** The live projection's lag, asked of the broker at most once per refresh interval. */
    public synchronized Reading read() {
        Reading cached = last;
        if (cached != null && cached.at().plus(refresh).isAfter(clock.instant())) {
            return cached;
        }
        Reading fresh = readNow(group);
        fresh.byPartition().forEach(this::gauge);
        last = fresh;
        return fresh;
    }

    /** The lag of any consumer group of the topic (a rebuild's), asked of the broker now. */
    public Reading readNow(String group) {
        try {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS)
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
            long retained = 0;
            boolean fromStart = true;
            for (TopicPartition partition : partitions) {
                retained += ends.get(partition).offset() - starts.get(partition).offset();
                fromStart &= starts.get(partition).offset() == 0;
                long consumedUpTo = Optional.ofNullable(committed.get(partition))
                        .map(OffsetAndMetadata::offset)
                        .orElse(starts.get(partition).offset());
                lag.put(partition.partition(), Math.max(0, ends.get(partition).offset() - consumedUpTo));
            }
            return new Reading(clock.instant(), lag, retained, fromStart, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(clock.instant(), Map.of(), 0, false, "interrupted");
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return new Reading(clock.instant(), Map.of(), 0, false, "could not ask Kafka for the lag of group " + group
                    + " on " + topic + ": " + cause.getMessage());
        }
    }

    /** Deletes a consumer group that is done (a finished rebuild's); best effort, a leftover group expires anyway. */
    public void forgetGroup(String group) {
        try {
            admin.deleteConsumerGroups(List.of(group)).all().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Could not delete consumer group {}: {}", group, e.getMessage());
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
