package dev.ledger.query.projection;

import dev.ledger.events.ClaimStated;
import dev.ledger.events.DebateEvent;
import dev.ledger.events.DebateOpened;
import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.EventType;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.ReasonAcknowledged;
import dev.ledger.events.ReasonProposed;
import dev.ledger.events.ViewUpdated;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Writes the timeline entry of one applied event (same transaction as {@link ReadModelWriter}). The summary
 * wording must stay in step with the backfill in V2__timeline.sql.
 */
@Component
class TimelineWriter {

    private static final String COLUMNS =
            "INSERT INTO timeline_entry (debate_id, sequence, type, at, participant_id, claim_id, reason_id, summary, details) VALUES ";
    private static final String ON_CONFLICT = " ON CONFLICT (debate_id, sequence) DO NOTHING";
    private static final RowInsert ENTRY = RowInsert.of(COLUMNS,
            "(?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))", ON_CONFLICT,
            Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR).copyable();
    /** An acknowledgement's entry: its claim is the acknowledged reason's (parameters 6 and 7: debate, reason). */
    private static final RowInsert ENTRY_WITH_CLAIM_OF_REASON = RowInsert.of(COLUMNS,
            "(?, ?, ?, ?, ?, (SELECT claim_id FROM reason WHERE debate_id = ? AND reason_id = ?), ?, ?, CAST(? AS jsonb))",
            ON_CONFLICT,
            Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR);

    private final ReadModelStatements statements;
    private final EventCodec codec = new EventCodec();

    TimelineWriter(ReadModelStatements statements) {
        this.statements = statements;
    }

    void append(EventEnvelope envelope) {
        DebateEvent event = envelope.payload();
        String actor = null;
        String claimId = null;
        String reasonId = null;
        boolean claimOfReason = false;
        String summary;
        if (event instanceof DebateOpened opened) {
            summary = "debate opened: \"" + opened.title() + "\"";
        } else if (event instanceof ParticipantJoined joined) {
            actor = joined.participantId();
            summary = actor + " joined as \"" + joined.displayName() + "\"";
        } else if (event instanceof ClaimStated stated) {
            actor = stated.by();
            claimId = stated.claimId();
            summary = actor + " stated " + claimId + ": \"" + stated.statement() + "\"";
        } else if (event instanceof ReasonProposed proposed) {
            actor = proposed.by();
            claimId = proposed.claimId();
            reasonId = proposed.reasonId();
            summary = actor + " proposed " + reasonId + " " + proposed.stance().wireName() + " " + claimId
                    + (proposed.inReplyTo() == null ? "" : " in reply to " + proposed.inReplyTo())
                    + ": \"" + proposed.text() + "\"";
        } else if (event instanceof ReasonAcknowledged acknowledged) {
            actor = acknowledged.by();
            reasonId = acknowledged.reasonId();
            claimOfReason = true;
            summary = actor + " " + acknowledged.kind().wireName() + " " + reasonId
                    + (acknowledged.note() == null ? "" : ": \"" + acknowledged.note() + "\"");
        } else if (event instanceof ViewUpdated updated) {
            actor = updated.participantId();
            claimId = updated.claimId();
            summary = actor + (updated.previousCredence() == null
                    ? " set " + claimId + " at " + credence(updated.credence())
                    : " moved " + claimId + " from " + credence(updated.previousCredence()) + " to " + credence(updated.credence()))
                    + " citing " + reasons(updated.becauseOf().size());
        } else {
            throw new IllegalStateException("no timeline entry for " + event.getClass().getName());
        }
        // An acknowledgement's claim is its reason's, looked up by the INSERT itself: no read round trip, and
        // it stays correct when statements are deferred (the reason is written in an earlier phase).
        String debateId = envelope.debateId();
        OffsetDateTime at = OffsetDateTime.ofInstant(envelope.occurredAt(), ZoneOffset.UTC);
        String type = EventType.of(event).wireName();
        String details = codec.payloadToJson(event);
        if (claimOfReason && statements.copying()) {
            // A bulk batch copies this row like the others, with the claim looked up for the whole batch.
            statements.insert(ReadModelStatements.Phase.TIMELINE, ENTRY, debateId, envelope.sequence(), type, at, actor,
                    new ReadModelStatements.ClaimOfReason(debateId, reasonId), reasonId, summary, details);
        } else if (claimOfReason) {
            statements.insert(ReadModelStatements.Phase.TIMELINE, ENTRY_WITH_CLAIM_OF_REASON, debateId,
                    envelope.sequence(), type, at, actor, debateId, reasonId, reasonId, summary, details);
        } else {
            statements.insert(ReadModelStatements.Phase.TIMELINE, ENTRY, debateId,
                    envelope.sequence(), type, at, actor, claimId, reasonId, summary, details);
        }
    }

    /** As {@code String.format(Locale.ROOT, "%.2f", value)} (half up from the shortest decimal form), without its cost. */
    private static String credence(double value) {
        if (!Double.isFinite(value)) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String reasons(int count) {
        return count == 0 ? "no reason" : count == 1 ? "1 reason" : count + " reasons";
    }
}
