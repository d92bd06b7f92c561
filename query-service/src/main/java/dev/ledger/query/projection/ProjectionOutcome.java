package dev.ledger.query.projection;

import java.util.List;

/**
 * What one record's transaction did to its debate.
 *
 * @param lastSequence    the debate's last applied sequence after the transaction
 * @param missingSequence for {@link Kind#PARKED}: the sequence the debate now waits for
 * @param applied         the event types applied, in order (the record itself and any parked ones it released)
 * @param skipped         the unreadable events whose sequence was passed over
 */
public record ProjectionOutcome(
        String debateId, Kind kind, long lastSequence, long missingSequence,
        List<String> applied, List<IncomingRecord.UnreadableEvent> skipped) {

    public enum Kind {
        /** The record (and possibly parked ones after it) moved the debate forward. */
        ADVANCED,
        /** The record arrived ahead of a missing sequence and waits in pending_event. */
        PARKED,
        /** The record's sequence was already applied: a redelivery or an older event. Nothing changed. */
        ALREADY_APPLIED
    }
}
