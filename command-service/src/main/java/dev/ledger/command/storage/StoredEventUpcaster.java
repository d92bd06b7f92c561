package dev.ledger.command.storage;

import dev.ledger.events.EventType;
import dev.ledger.events.PayloadUpcaster;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import tools.jackson.databind.node.ObjectNode;

/**
 * Brings a stored ledger event of an older version (payload_revision NULL or below the type's current
 * version) to the current shape before Axon deserializes it, using the contract's own
 * {@link PayloadUpcaster} steps (e.g. ViewUpdated 1 -> 2 adds {@code "becauseOf":[]}).
 * <p>
 * Registered in Axon's upcaster chain, which the JDBC storage engine applies to every read: loading an
 * aggregate, the streaming processor behind the Kafka publisher, and the admin event feed.
 */
public class StoredEventUpcaster extends SingleEventUpcaster {

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation intermediateRepresentation) {
        SerializedType stored = intermediateRepresentation.getType();
        return EventVersions.typeNamed(stored.getName())
                .map(type -> {
                    int version = EventVersions.versionOf(stored.getRevision());
                    return version >= 1 && version < type.currentVersion();
                })
                .orElse(false);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation intermediateRepresentation) {
        SerializedType stored = intermediateRepresentation.getType();
        EventType type = EventVersions.typeNamed(stored.getName()).orElseThrow();
        int version = EventVersions.versionOf(stored.getRevision());
        SerializedType current = new SimpleSerializedType(stored.getName(), String.valueOf(type.currentVersion()));
        return intermediateRepresentation.upcastPayload(current, ObjectNode.class,
                payload -> PayloadUpcaster.toCurrent(type, version, payload));
    }
}
