package dev.ledger.command.storage;

import dev.ledger.events.DebateEvent;
import dev.ledger.events.EventType;
import org.axonframework.serialization.RevisionResolver;

import java.util.Arrays;
import java.util.Optional;

/**
 * Ties Axon's payload_revision column to the contract's event versions: a ledger event is stored with
 * revision = its current version ("1", "2", ...). Rows written before revisions were recorded have NULL,
 * which means version 1. Other payloads (snapshots, tokens) get no revision.
 */
public final class EventVersions implements RevisionResolver {

    @Override
    public String revisionOf(Class<?> payloadType) {
        if (!DebateEvent.class.isAssignableFrom(payloadType)) {
            return null;
        }
        return String.valueOf(EventType.ofClass(payloadType).currentVersion());
    }

    /** The ledger event type stored under this Axon payload type name, if it is one. */
    public static Optional<EventType> typeNamed(String payloadTypeName) {
        return Arrays.stream(EventType.values())
                .filter(type -> type.payloadClass().getName().equals(payloadTypeName))
                .findFirst();
    }

    /** The version a stored revision stands for: NULL (written before revisions) is 1; -1 if not a number. */
    public static int versionOf(String revision) {
        if (revision == null) {
            return 1;
        }
        try {
            return Integer.parseInt(revision);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
