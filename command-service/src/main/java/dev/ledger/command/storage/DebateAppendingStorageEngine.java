package dev.ledger.command.storage;

import dev.ledger.events.DebateEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Axon's JDBC storage engine that tells {@link AppendedDebates} which debates got events, right after inserting them
 * and inside the same transaction: the unit of work's Spring transaction opened by CommandExecution, which Axon's
 * connection provider and a JdbcTemplate share. What the listener writes commits with the events or not at all.
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
        Set<String> debates = new LinkedHashSet<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof DebateEvent) {
                debates.add(domain.getAggregateIdentifier());
            }
        }
        if (!debates.isEmpty()) {
            listener.appended(debates);
        }
    }
}
