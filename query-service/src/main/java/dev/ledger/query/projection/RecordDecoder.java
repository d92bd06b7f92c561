package dev.ledger.query.projection;

import dev.ledger.events.EnvelopeHeader;
import dev.ledger.events.EventCodec;
import dev.ledger.events.UnreadableEventException;
import dev.ledger.events.UnreadableEventException.Reason;

import java.util.Optional;

/**
 * Turns a record's value into an {@link IncomingRecord}. Records that can never be placed in a debate
 * (not an envelope, or a known type whose payload breaks the contract) are refused with an
 * {@link UnreadableEventException} so the Kafka error handler dead-letters them.
 */
public final class RecordDecoder {

    private final EventCodec codec = new EventCodec();

    public IncomingRecord decode(String json) {
        if (json == null || json.isEmpty()) {
            throw new UnreadableEventException(Reason.MALFORMED, "the record has no value", null);
        }
        try {
            return new IncomingRecord.KnownEvent(codec.fromJson(json), json);
        } catch (UnreadableEventException e) {
            if (e.reason() != Reason.UNKNOWN_TYPE && e.reason() != Reason.NEWER_VERSION) {
                throw e;
            }
            Optional<EnvelopeHeader> header = codec.readHeader(json);
            if (header.isEmpty()) {
                throw new UnreadableEventException(Reason.MALFORMED,
                        e.getMessage() + ", and its envelope fields are unreadable", e);
            }
            return new IncomingRecord.UnreadableEvent(header.get(), e.reason(), e.getMessage(), json);
        }
    }
}
