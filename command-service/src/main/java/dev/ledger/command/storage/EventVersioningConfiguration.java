package dev.ledger.command.storage;

import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Event versions in the event store: the revision written with each event, and the upcaster that reads
 * older revisions. Axon's Spring Boot support picks up both beans (the serializers take the resolver, the
 * EventUpcaster bean joins {@code Configuration.upcasterChain()}).
 */
@Configuration(proxyBeanMethods = false)
public class EventVersioningConfiguration {

    @Bean
    public RevisionResolver revisionResolver() {
        return new EventVersions();
    }

    @Bean
    public EventUpcaster storedEventUpcaster() {
        return new StoredEventUpcaster();
    }
}
