package dev.ledger.query.projection;

import dev.ledger.events.EnvelopeHeader;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.UnreadableEventException;

/**
 * A record from the topic or the event store with a place in its debate's sequence: either an event this reader
 * understands, or one whose envelope is readable but whose type or version is not (it still takes up its
 * sequence). {@code json} is the record as it arrived, kept so a parked record can be decoded again later.
 */
public sealed interface IncomingRecord permits IncomingRecord.KnownEvent, IncomingRecord.UnreadableEvent {

    EnvelopeHeader header();

    String json();

    default String debateId() {
        return header().debateId();
    }

    default long sequence() {
        return header().sequence();
    }

    default String type() {
        return header().type();
    }

    record KnownEvent(EventEnvelope envelope, String json) implements IncomingRecord {
        public EnvelopeHeader header() {
            return new EnvelopeHeader(envelope.eventId(), envelope.type(), envelope.version(), envelope.debateId(),
                    envelope.sequence());
        }
    }

    record UnreadableEvent(EnvelopeHeader header, UnreadableEventException.Reason reason, String detail, String json)
            implements IncomingRecord {
    }
}
