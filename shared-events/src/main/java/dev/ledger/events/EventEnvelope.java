package dev.ledger.events;

import java.time.Instant;

/**
 * One event as it travels on Kafka: {@code {eventId, type, version, debateId, sequence, occurredAt, payload}}.
 * {@code sequence} is the event's position in its debate, 1, 2, 3, ... with no gaps.
 */
public record EventEnvelope(
        String eventId, String type, int version, String debateId, long sequence, Instant occurredAt, DebateEvent payload) {

    public EventEnvelope {
        Require.text(eventId, "eventId");
        Require.text(type, "type");
        Require.text(debateId, "debateId");
        Require.present(occurredAt, "occurredAt");
        Require.present(payload, "payload");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence must be 1 or more, was " + sequence);
        }
        if (!debateId.equals(payload.debateId())) {
            throw new IllegalArgumentException("envelope debateId " + debateId + " differs from payload debateId " + payload.debateId());
        }
    }

    /** Wraps an event in its current type and version. */
    public static EventEnvelope of(String eventId, long sequence, Instant occurredAt, DebateEvent payload) {
        EventType type = EventType.of(payload);
        return new EventEnvelope(eventId, type.wireName(), type.currentVersion(), payload.debateId(), sequence, occurredAt, payload);
    }
}
