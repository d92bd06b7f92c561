package dev.ledger.command.storage;

import dev.ledger.events.EventType;
import dev.ledger.events.history.LoggedEvent;

import java.nio.charset.StandardCharsets;

/**
 * One row of domain_event_entry as stored, the only source a leaf is computed from: the payload JSON exactly as Axon's
 * serializer wrote it, the time stamp string, the revision (null for rows written before revisions: version 1). Read
 * back from the table, or taken from what an append has just written ({@link AppendedDebates}): the same columns.
 *
 * @param axonSequence Axon's 0-based sequence_number (the envelope's sequence is one more)
 */
public record StoredEvent(String eventId, String payloadType, String payloadRevision, String debateId, long axonSequence,
                          String timeStamp, byte[] payload) {

    public long sequence() {
        return axonSequence + 1;
    }

    /** The wire name of the stored payload type; throws for a row that holds no ledger event. */
    public String wireType() {
        return EventVersions.typeNamed(payloadType).map(EventType::wireName)
                .orElseThrow(() -> new IllegalStateException("event " + eventId + " of debate " + debateId
                        + " has a payload type that is no ledger event: " + payloadType));
    }

    public int version() {
        return EventVersions.versionOf(payloadRevision);
    }

    /** The event as its log holds it: the envelope of what is stored, whose canonical bytes a leaf hashes. */
    public LoggedEvent logged() {
        return LoggedEvent.of(eventId, wireType(), version(), debateId, sequence(), timeStamp,
                new String(payload, StandardCharsets.UTF_8));
    }

    /** The leaf hash of {@link #logged()}, without building it (the append path hashes every event it stores). */
    public byte[] leafHash() {
        return LoggedEvent.leafHashOfStored(eventId, wireType(), version(), debateId, sequence(), timeStamp,
                new String(payload, StandardCharsets.UTF_8));
    }
}
