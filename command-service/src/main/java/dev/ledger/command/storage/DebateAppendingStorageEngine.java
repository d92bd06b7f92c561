package dev.ledger.command.storage;

import dev.ledger.events.DebateEvent;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.ArrayList;
import java.util.List;

/**
 * Axon's JDBC storage engine that tells {@link AppendedDebates} what it wrote for debates, right after inserting the
 * events and inside the same transaction: the unit of work's Spring transaction, which Axon's connection provider and a
 * JdbcTemplate share. What the listener writes commits with the events or not at all.
 * <p>
 * The listener gets the column values the insert stored, not a second rendering of the events: the payload is the
 * {@link SerializedObject} the insert bound (each message keeps what a serializer made of it, so asking again returns
 * those bytes) and the time stamp the string {@link JdbcEventStorageEngine#writeTimestamp} wrote.
 */
final class DebateAppendingStorageEngine extends JdbcEventStorageEngine {

    private final AppendedDebates listener;

    DebateAppendingStorageEngine(JdbcEventStorageEngine.Builder builder, AppendedDebates listener) {
        super(builder);
        this.listener = listener;
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        super.appendEvents(events, serializer);
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof DebateEvent) {
                CachedDebateChecks.appended(domain.getAggregateIdentifier());
                SerializedObject<byte[]> payload = domain.serializePayload(serializer, byte[].class);
                stored.add(new StoredEvent(domain.getIdentifier(), payload.getType().getName(),
                        payload.getType().getRevision(), domain.getAggregateIdentifier(), domain.getSequenceNumber(),
                        DateTimeUtils.formatInstant(domain.getTimestamp()), payload.getData()));
            }
        }
        if (!stored.isEmpty()) {
            listener.appended(stored);
        }
    }
}
