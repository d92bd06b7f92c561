package dev.ledger.query.projection;

import dev.ledger.events.EnvelopeHeader;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.UnreadableEventException;

/**
 * A record from the topic with a place in its debate's sequence: either an event this reader understands,
 * or one whose envelope is readable but whose type or version is not (it still takes up its sequence).
 * {@code json} is the record as it arrived, kept so a parked record can be decoded again later.
 */
sealed interface IncomingRecord permits IncomingRecord.KnownEvent, IncomingRecord.UnreadableEvent {

    String debateId();

    long sequence();

    String eventId();

    String type();

    int version();

    String json();

    record KnownEvent(EventEnvelope envelope, String json) implements IncomingRecord {
        public String debateId() {
            return envelope.debateId();
        }

        public long sequence() {
            return envelope.sequence();
        }

        public String eventId() {
            return envelope.eventId();
        }

        public String type() {
            return envelope.type();
        }

        public int version() {
            return envelope.version();
        }
    }

    record UnreadableEvent(EnvelopeHeader header, UnreadableEventException.Reason reason, String detail, String json)
            implements IncomingRecord {
        public String debateId() {
            return header.debateId();
        }

        public long sequence() {
            return header.sequence();
        }

        public String eventId() {
            return header.eventId();
        }

        public String type() {
            return header.type();
        }

        public int version() {
            return header.version();
        }
    }
}
