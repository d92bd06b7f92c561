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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Writes the timeline entry of one applied event (same transaction as {@link ReadModelWriter}). The summary
 * wording must stay in step with the backfill in V2__timeline.sql.
 */
@Repository
class TimelineWriter {

    private final JdbcClient jdbc;
    private final EventCodec codec = new EventCodec();

    TimelineWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(EventEnvelope envelope) {
        DebateEvent event = envelope.payload();
        String actor = null;
        String claimId = null;
        String reasonId = null;
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
            claimId = claimOf(acknowledged.debateId(), reasonId);
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
        jdbc.sql("""
                        INSERT INTO timeline_entry (debate_id, sequence, type, at, participant_id, claim_id, reason_id, summary, details)
                        VALUES (:debateId, :sequence, :type, :at, :participantId, :claimId, :reasonId, :summary, CAST(:details AS jsonb))
                        ON CONFLICT (debate_id, sequence) DO NOTHING""")
                .param("debateId", envelope.debateId())
                .param("sequence", envelope.sequence())
                .param("type", EventType.of(event).wireName())
                .param("at", OffsetDateTime.ofInstant(envelope.occurredAt(), ZoneOffset.UTC))
                .param("participantId", actor)
                .param("claimId", claimId)
                .param("reasonId", reasonId)
                .param("summary", summary)
                .param("details", codec.payloadToJson(event))
                .update();
    }

    private String claimOf(String debateId, String reasonId) {
        return jdbc.sql("SELECT claim_id FROM reason WHERE debate_id = :debateId AND reason_id = :reasonId")
                .param("debateId", debateId)
                .param("reasonId", reasonId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static String credence(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String reasons(int count) {
        return count == 0 ? "no reason" : count == 1 ? "1 reason" : count + " reasons";
    }
}
