package dev.ledger.command.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The "kafka-publisher" processor: a tracking processor (mode, batch size and segments in application.yaml;
 * it starts from the first stored event, the tail token) that propagates handler failures, so a failed send
 * retries the batch instead of Axon's default of logging and moving on.
 * <p>
 * Tracking, not pooled: with the embedded event store a pooled processor's coordinator cannot be told that
 * events arrived (the store's streams do not support Axon's availability callback) and looks again only every
 * 500 ms, which was most of the publish lag. A tracking processor's thread waits on the stream itself and is
 * woken as soon as the store has read new events.
 */
@Configuration(proxyBeanMethods = false)
public class PublishingConfiguration {

    @Bean
    public ConfigurerModule kafkaPublisherProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }

    /**
     * Creates the (shared) Kafka producer before the service reports ready rather than on the publisher's first
     * send, so a restarted instance starts publishing its backlog at once. Creating it does not need the broker.
     */
    @Bean
    ApplicationRunner kafkaProducerWarmUp(KafkaTemplate<String, String> kafka) {
        return arguments -> kafka.getProducerFactory().createProducer().close();
    }

    /**
     * Created at start-up if missing (no-op when it exists); partitions bound the query side's parallelism. With
     * acks=all, {@code minInSyncReplicas} is how many replicas must hold an event before it counts as published;
     * 0 leaves the topic on the broker's default.
     */
    @Bean
    public NewTopic ledgerTopic(
            @Value("${ledger.topic:ledger.events}") String topic,
            @Value("${ledger.topic-partitions:3}") int partitions,
            @Value("${ledger.topic-replicas:1}") short replicas,
            @Value("${ledger.topic-min-isr:0}") int minInSyncReplicas) {
        if (minInSyncReplicas < 0 || minInSyncReplicas > replicas) {
            // More than the replicas would make every send fail with NotEnoughReplicas: refuse to start instead.
            throw new IllegalArgumentException("LEDGER_TOPIC_MIN_ISR (ledger.topic-min-isr) must be between 0 "
                    + "(the broker's default) and LEDGER_TOPIC_REPLICAS (" + replicas + "), but is " + minInSyncReplicas);
        }
        TopicBuilder builder = TopicBuilder.name(topic).partitions(partitions).replicas(replicas);
        if (minInSyncReplicas > 0) {
            builder.config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas));
        }
        return builder.build();
    }
}
