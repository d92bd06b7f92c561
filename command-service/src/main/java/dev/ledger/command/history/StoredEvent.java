package dev.ledger.command.history;

import dev.ledger.command.storage.EventVersions;
import dev.ledger.events.EventType;
import dev.ledger.events.history.LoggedEvent;

import java.nio.charset.StandardCharsets;

/**
 * One row of domain_event_entry as stored, the only source a leaf is computed from: the payload JSON exactly as Axon's
 * serializer wrote it, the time stamp string, the revision (null for rows written before revisions: version 1).
 *
 * @param axonSequence Axon's 0-based sequence_number (the envelope's sequence is one more)
 */
record StoredEvent(String eventId, String payloadType, String payloadRevision, String debateId, long axonSequence,
                   String timeStamp, byte[] payload) {

    long sequence() {
        return axonSequence + 1;
    }

    /** The wire name of the stored payload type; throws for a row that holds no ledger event. */
    String wireType() {
        return EventVersions.typeNamed(payloadType).map(EventType::wireName)
                .orElseThrow(() -> new IllegalStateException("event " + eventId + " of debate " + debateId
                        + " has a payload type that is no ledger event: " + payloadType));
    }

    int version() {
        return EventVersions.versionOf(payloadRevision);
    }

    /** The event as its log holds it: the envelope of what is stored, whose canonical bytes a leaf hashes. */
    LoggedEvent logged() {
        return LoggedEvent.of(eventId, wireType(), version(), debateId, sequence(), timeStamp,
                new String(payload, StandardCharsets.UTF_8));
    }
}
