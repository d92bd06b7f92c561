package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.List;

/**
 * A second shared Spring context, with its own database and its own embedded Kafka broker, for tests that
 * compare the whole read model (checksums, rebuilds from Kafka or the event store): every event published here
 * also goes into the {@link EventStoreStub}, so the topic, the event store and the read model hold the same
 * history. Tests in the main context never add to the stub, and tests here never publish anything the event
 * store would not have.
 */
abstract class WholeModelTestBase extends QueryServiceTestBase {

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        // The base class registers spring.datasource.url after this method (superclass last, so it wins);
        // Hikari's own jdbc-url is bound onto the pool after that and takes precedence.
        registry.add("spring.datasource.hikari.jdbc-url", () -> Postgres.INSTANCE.createDatabaseIfMissing("ledger_query_whole"));
    }

    @Override
    void publish(EventEnvelope envelope) {
        EventStoreStub.get().add(envelope);
        super.publish(envelope);
    }

    @Override
    void publishAll(List<EventEnvelope> envelopes) {
        envelopes.forEach(EventStoreStub.get()::add);
        super.publishAll(envelopes);
    }

    /** Publishes to the topic only: the event store gets the same events separately (or already has them). */
    void publishToTopicOnly(EventEnvelope envelope) {
        super.publish(envelope);
    }
}
