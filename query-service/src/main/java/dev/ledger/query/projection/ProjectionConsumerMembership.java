package dev.ledger.query.projection;

import dev.ledger.query.catchup.PartitionAssignment;
import dev.ledger.web.instance.InstanceId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * How the live projection's consumer belongs to its group. With a stable instance id it is a static member
 * ({@code group.instance.id}): after a kill -9 the restarted instance gets its partitions back as soon as it
 * joins, instead of the group waiting for the dead member's session to time out (45 s by default) and then
 * rebalancing. A member that does not come back loses its partitions after {@code session.timeout.ms}.
 * The container reports its assignment to {@link PartitionAssignment} (readiness).
 */
@Configuration(proxyBeanMethods = false)
class ProjectionConsumerMembership {

    private static final Logger log = LoggerFactory.getLogger(ProjectionConsumerMembership.class);

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> projectionMembership(
            Environment environment, PartitionAssignment assignment) {
        InstanceId instance = InstanceId.of(environment);
        return container -> {
            if (!ProjectionListener.LISTENER_ID.equals(container.getListenerId())) {
                return;
            }
            container.getContainerProperties().setConsumerRebalanceListener(assignment);
            if (instance.stable()) {
                container.getContainerProperties().getKafkaConsumerProperties()
                        .setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instance.value());
                log.info("The projection consumer is static member {} of its group (LEDGER_INSTANCE_ID)", instance.value());
            } else {
                log.info("The projection consumer is a dynamic member of its group: no stable instance id (random port)");
            }
        };
    }
}
