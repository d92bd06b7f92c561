package dev.ledger.query.projection;

import dev.ledger.events.ClaimStated;
import dev.ledger.events.DebateEvent;
import dev.ledger.events.DebateOpened;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.ReasonAcknowledged;
import dev.ledger.events.ReasonProposed;
import dev.ledger.events.ViewUpdated;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.stereotype.Repository;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Applies one event to the read-model tables. Called only for the next sequence of a debate, inside the
 * transaction that holds the debate's progress lock; the {@code ON CONFLICT} clauses are a second line of
 * defence, not the idempotence mechanism (that is the sequence check).
 */
@Repository
class ReadModelWriter {

    private final ReadModelStatements statements;

    ReadModelWriter(ReadModelStatements statements) {
        this.statements = statements;
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
        statements.update(ReadModelStatements.Phase.MODEL, """
                        INSERT INTO debate (debate_id, title, description, opened_at, sequence)
                        VALUES (:debateId, :title, :description, :at, :sequence)
                        ON CONFLICT (debate_id) DO NOTHING""", new MapSqlParameterSource()
                        .addValue("debateId", event.debateId())
                        .addValue("title", event.title())
                        .addValue("description", event.description(), Types.VARCHAR)
                        .addValue("at", at)
                        .addValue("sequence", sequence));
    }

    private void participantJoined(ParticipantJoined event, OffsetDateTime at, long sequence) {
        statements.update(ReadModelStatements.Phase.MODEL, """
                        INSERT INTO participant (debate_id, participant_id, display_name, joined_at, sequence)
                        VALUES (:debateId, :participantId, :displayName, :at, :sequence)
                        ON CONFLICT (debate_id, participant_id) DO NOTHING""", new MapSqlParameterSource()
                        .addValue("debateId", event.debateId())
                        .addValue("participantId", event.participantId())
                        .addValue("displayName", event.displayName())
                        .addValue("at", at)
                        .addValue("sequence", sequence));
    }

    private void claimStated(ClaimStated event, OffsetDateTime at, long sequence) {
        statements.update(ReadModelStatements.Phase.MODEL, """
                        INSERT INTO claim (debate_id, claim_id, statement, stated_by, stated_at, sequence)
                        VALUES (:debateId, :claimId, :statement, :by, :at, :sequence)
                        ON CONFLICT (debate_id, claim_id) DO NOTHING""", new MapSqlParameterSource()
                        .addValue("debateId", event.debateId())
                        .addValue("claimId", event.claimId())
                        .addValue("statement", event.statement())
                        .addValue("by", event.by())
                        .addValue("at", at)
                        .addValue("sequence", sequence));
    }

    private void reasonProposed(ReasonProposed event, OffsetDateTime at, long sequence) {
        statements.update(ReadModelStatements.Phase.MODEL, """
                        INSERT INTO reason (debate_id, reason_id, claim_id, stance, text, author, in_reply_to, proposed_at, sequence)
                        VALUES (:debateId, :reasonId, :claimId, :stance, :text, :by, :inReplyTo, :at, :sequence)
                        ON CONFLICT (debate_id, reason_id) DO NOTHING""", new MapSqlParameterSource()
                        .addValue("debateId", event.debateId())
                        .addValue("reasonId", event.reasonId())
                        .addValue("claimId", event.claimId())
                        .addValue("stance", event.stance().wireName())
                        .addValue("text", event.text())
                        .addValue("by", event.by())
                        .addValue("inReplyTo", event.inReplyTo(), Types.VARCHAR)
                        .addValue("at", at)
                        .addValue("sequence", sequence));
    }

    private void reasonAcknowledged(ReasonAcknowledged event, OffsetDateTime at, long sequence) {
        statements.update(ReadModelStatements.Phase.MODEL, """
                        INSERT INTO acknowledgement (debate_id, reason_id, participant_id, kind, note, acknowledged_at, sequence)
                        VALUES (:debateId, :reasonId, :by, :kind, :note, :at, :sequence)
                        ON CONFLICT (debate_id, reason_id, participant_id) DO UPDATE
                        SET kind = excluded.kind, note = excluded.note,
                            acknowledged_at = excluded.acknowledged_at, sequence = excluded.sequence
                        WHERE acknowledgement.sequence < excluded.sequence""", new MapSqlParameterSource()
                        .addValue("debateId", event.debateId())
                        .addValue("reasonId", event.reasonId())
                        .addValue("by", event.by())
                        .addValue("kind", event.kind().wireName())
                        .addValue("note", event.note(), Types.VARCHAR)
                        .addValue("at", at)
                        .addValue("sequence", sequence));
    }

    private void viewUpdated(ViewUpdated event, OffsetDateTime at, long sequence) {
        String[] becauseOf = event.becauseOf().toArray(String[]::new);
        statements.update(ReadModelStatements.Phase.MODEL, """
                        INSERT INTO current_belief (debate_id, participant_id, claim_id, credence, rationale, because_of, since, sequence)
                        VALUES (:debateId, :participantId, :claimId, :credence, :rationale, :becauseOf, :at, :sequence)
                        ON CONFLICT (debate_id, participant_id, claim_id) DO UPDATE
                        SET credence = excluded.credence, rationale = excluded.rationale, because_of = excluded.because_of,
                            since = excluded.since, sequence = excluded.sequence
                        WHERE current_belief.sequence < excluded.sequence""", new MapSqlParameterSource()
                        .addValue("debateId", event.debateId())
                        .addValue("participantId", event.participantId())
                        .addValue("claimId", event.claimId())
                        .addValue("credence", event.credence())
                        .addValue("rationale", event.rationale(), Types.VARCHAR)
                        .addValue("becauseOf", becauseOf)
                        .addValue("at", at)
                        .addValue("sequence", sequence));
        statements.update(ReadModelStatements.Phase.MODEL, """
                        INSERT INTO view_change (debate_id, sequence, participant_id, claim_id, from_credence, to_credence,
                                                 rationale, because_of, changed_at)
                        VALUES (:debateId, :sequence, :participantId, :claimId, :from, :to, :rationale, :becauseOf, :at)
                        ON CONFLICT (debate_id, sequence) DO NOTHING""", new MapSqlParameterSource()
                        .addValue("debateId", event.debateId())
                        .addValue("sequence", sequence)
                        .addValue("participantId", event.participantId())
                        .addValue("claimId", event.claimId())
                        .addValue("from", event.previousCredence(), Types.DOUBLE)
                        .addValue("to", event.credence())
                        .addValue("rationale", event.rationale(), Types.VARCHAR)
                        .addValue("becauseOf", becauseOf)
                        .addValue("at", at));
    }
}
