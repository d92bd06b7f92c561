package dev.ledger.command.publishing;

import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The "kafka-publisher" processor: a pooled streaming processor (mode, batch size and segments in
 * application.yaml) that starts from the first stored event and propagates handler failures, so a failed
 * send retries the batch instead of Axon's default of logging and moving on.
 */
@Configuration(proxyBeanMethods = false)
public class PublishingConfiguration {

    @Bean
    public ConfigurerModule kafkaPublisherProcessor() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance())
                .registerPooledStreamingEventProcessorConfiguration(KafkaEventPublisher.PROCESSING_GROUP,
                        (configuration, builder) -> builder.initialToken(StreamableMessageSource::createTailToken));
    }

    /** Created at start-up if missing (no-op when it exists); partitions bound the query side's parallelism. */
    @Bean
    public NewTopic ledgerTopic(
            @Value("${ledger.topic:ledger.events}") String topic,
            @Value("${ledger.topic-partitions:3}") int partitions,
            @Value("${ledger.topic-replicas:1}") short replicas) {
        return TopicBuilder.name(topic).partitions(partitions).replicas(replicas).build();
    }
}
