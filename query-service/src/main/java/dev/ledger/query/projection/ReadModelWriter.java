package dev.ledger.query.projection;

import dev.ledger.events.ClaimStated;
import dev.ledger.events.DebateEvent;
import dev.ledger.events.DebateOpened;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.ReasonAcknowledged;
import dev.ledger.events.ReasonProposed;
import dev.ledger.events.ViewUpdated;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Applies one event to the read-model tables. Called only for the next sequence of a debate, inside the
 * transaction that holds the debate's progress lock; the {@code ON CONFLICT} clauses are a second line of
 * defence, not the idempotence mechanism (that is the sequence check).
 */
@Repository
class ReadModelWriter {

    private final JdbcClient jdbc;

    ReadModelWriter(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void apply(EventEnvelope envelope) {
        DebateEvent event = envelope.payload();
        OffsetDateTime at = OffsetDateTime.ofInstant(envelope.occurredAt(), ZoneOffset.UTC);
        long sequence = envelope.sequence();
        if (event instanceof DebateOpened opened) {
            debateOpened(opened, at, sequence);
        } else if (event instanceof ParticipantJoined joined) {
            participantJoined(joined, at, sequence);
        } else if (event instanceof ClaimStated stated) {
            claimStated(stated, at, sequence);
        } else if (event instanceof ReasonProposed proposed) {
            reasonProposed(proposed, at, sequence);
        } else if (event instanceof ReasonAcknowledged acknowledged) {
            reasonAcknowledged(acknowledged, at, sequence);
        } else if (event instanceof ViewUpdated updated) {
            viewUpdated(updated, at, sequence);
        } else {
            throw new IllegalStateException("no projection for " + event.getClass().getName());
        }
    }

    private void debateOpened(DebateOpened event, OffsetDateTime at, long sequence) {
        jdbc.sql("""
                        INSERT INTO debate (debate_id, title, description, opened_at, sequence)
                        VALUES (:debateId, :title, :description, :at, :sequence)
                        ON CONFLICT (debate_id) DO NOTHING""")
                .param("debateId", event.debateId())
                .param("title", event.title())
                .param("description", event.description())
                .param("at", at)
                .param("sequence", sequence)
                .update();
    }

    private void participantJoined(ParticipantJoined event, OffsetDateTime at, long sequence) {
        jdbc.sql("""
                        INSERT INTO participant (debate_id, participant_id, display_name, joined_at, sequence)
                        VALUES (:debateId, :participantId, :displayName, :at, :sequence)
                        ON CONFLICT (debate_id, participant_id) DO NOTHING""")
                .param("debateId", event.debateId())
                .param("participantId", event.participantId())
                .param("displayName", event.displayName())
                .param("at", at)
                .param("sequence", sequence)
                .update();
    }

    private void claimStated(ClaimStated event, OffsetDateTime at, long sequence) {
        jdbc.sql("""
                        INSERT INTO claim (debate_id, claim_id, statement, stated_by, stated_at, sequence)
                        VALUES (:debateId, :claimId, :statement, :by, :at, :sequence)
                        ON CONFLICT (debate_id, claim_id) DO NOTHING""")
                .param("debateId", event.debateId())
                .param("claimId", event.claimId())
                .param("statement", event.statement())
                .param("by", event.by())
                .param("at", at)
                .param("sequence", sequence)
                .update();
    }

    private void reasonProposed(ReasonProposed event, OffsetDateTime at, long sequence) {
        jdbc.sql("""
                        INSERT INTO reason (debate_id, reason_id, claim_id, stance, text, author, in_reply_to, proposed_at, sequence)
                        VALUES (:debateId, :reasonId, :claimId, :stance, :text, :by, :inReplyTo, :at, :sequence)
                        ON CONFLICT (debate_id, reason_id) DO NOTHING""")
                .param("debateId", event.debateId())
                .param("reasonId", event.reasonId())
                .param("claimId", event.claimId())
                .param("stance", event.stance().wireName())
                .param("text", event.text())
                .param("by", event.by())
                .param("inReplyTo", event.inReplyTo())
                .param("at", at)
                .param("sequence", sequence)
                .update();
    }

    private void reasonAcknowledged(ReasonAcknowledged event, OffsetDateTime at, long sequence) {
        jdbc.sql("""
                        INSERT INTO acknowledgement (debate_id, reason_id, participant_id, kind, note, acknowledged_at, sequence)
                        VALUES (:debateId, :reasonId, :by, :kind, :note, :at, :sequence)
                        ON CONFLICT (debate_id, reason_id, participant_id) DO UPDATE
                        SET kind = excluded.kind, note = excluded.note,
                            acknowledged_at = excluded.acknowledged_at, sequence = excluded.sequence
                        WHERE acknowledgement.sequence < excluded.sequence""")
                .param("debateId", event.debateId())
                .param("reasonId", event.reasonId())
                .param("by", event.by())
                .param("kind", event.kind().wireName())
                .param("note", event.note())
                .param("at", at)
                .param("sequence", sequence)
                .update();
    }

    private void viewUpdated(ViewUpdated event, OffsetDateTime at, long sequence) {
        String[] becauseOf = event.becauseOf().toArray(String[]::new);
        jdbc.sql("""
                        INSERT INTO current_belief (debate_id, participant_id, claim_id, credence, rationale, because_of, since, sequence)
                        VALUES (:debateId, :participantId, :claimId, :credence, :rationale, :becauseOf, :at, :sequence)
                        ON CONFLICT (debate_id, participant_id, claim_id) DO UPDATE
                        SET credence = excluded.credence, rationale = excluded.rationale, because_of = excluded.because_of,
                            since = excluded.since, sequence = excluded.sequence
                        WHERE current_belief.sequence < excluded.sequence""")
                .param("debateId", event.debateId())
                .param("participantId", event.participantId())
                .param("claimId", event.claimId())
                .param("credence", event.credence())
                .param("rationale", event.rationale())
                .param("becauseOf", becauseOf)
                .param("at", at)
                .param("sequence", sequence)
                .update();
        jdbc.sql("""
                        INSERT INTO view_change (debate_id, sequence, participant_id, claim_id, from_credence, to_credence,
                                                 rationale, because_of, changed_at)
                        VALUES (:debateId, :sequence, :participantId, :claimId, :from, :to, :rationale, :becauseOf, :at)
                        ON CONFLICT (debate_id, sequence) DO NOTHING""")
                .param("debateId", event.debateId())
                .param("sequence", sequence)
                .param("participantId", event.participantId())
                .param("claimId", event.claimId())
                .param("from", event.previousCredence())
                .param("to", event.credence())
                .param("rationale", event.rationale())
                .param("becauseOf", becauseOf)
                .param("at", at)
                .update();
    }
}
