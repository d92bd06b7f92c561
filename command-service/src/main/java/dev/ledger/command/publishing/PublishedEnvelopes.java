package dev.ledger.command.publishing;

import dev.ledger.events.DebateEvent;
import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;
import org.axonframework.eventhandling.DomainEventMessage;

import java.time.Instant;

/**
 * The one place a stored event becomes its envelope JSON: the Kafka publisher and the admin event feed both
 * call it, so the same stored event has byte-identical bodies on the topic and in the feed.
 */
public final class PublishedEnvelopes {

    private static final EventCodec CODEC = new EventCodec();

    private PublishedEnvelopes() {
    }

    /**
     * @param eventId        Axon's message identifier
     * @param axonSequence   Axon's 0-based aggregate sequence number (the envelope's sequence is one more)
     * @param storedAt       Axon's message timestamp
     */
    public static String toJson(String eventId, long axonSequence, Instant storedAt, DebateEvent event) {
        return CODEC.toJson(EventEnvelope.of(eventId, axonSequence + 1, storedAt, event));
    }

    public static String toJson(DomainEventMessage<?> message) {
        if (!(message.getPayload() instanceof DebateEvent event)) {
            throw new IllegalArgumentException("not a ledger event: " + message.getPayloadType().getName());
        }
        return toJson(message.getIdentifier(), message.getSequenceNumber(), message.getTimestamp(), event);
    }
}
