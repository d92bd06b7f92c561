package dev.ledger.query.catchup;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Part of readiness: which partitions of the event topic the live projection holds. Out of service until the
 * first assignment, and again from a revocation until the next assignment (a rebalance): while this instance
 * holds no partitions, a command's events may be projected by nobody, and {@code ?minSequence=} reads would
 * only wait and answer 503.
 */
@Component("projectionPartitions")
public class PartitionAssignment implements ConsumerAwareRebalanceListener, HealthIndicator {

    private volatile Set<TopicPartition> assigned = Set.of();
    private volatile boolean rebalancing = true;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned = Set.copyOf(consumer.assignment());
        rebalancing = false;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        rebalancing = true;
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        rebalancing = true;
    }

    @Override
    public Health health() {
        List<String> partitions = assigned.stream().map(TopicPartition::toString).sorted().toList();
        if (rebalancing) {
            return Health.outOfService().withDetail("problem", "waiting for the consumer group to assign partitions")
                    .withDetail("partitions", partitions).build();
        }
        if (partitions.isEmpty()) {
            return Health.outOfService().withDetail("problem", "no partitions of the event topic are assigned to this "
                    + "instance (more query-service instances than partitions?)").build();
        }
        return Health.up().withDetail("partitions", partitions).build();
    }
}
