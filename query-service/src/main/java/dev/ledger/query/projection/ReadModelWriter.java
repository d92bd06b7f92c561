package dev.ledger.query.projection;

import dev.ledger.events.ClaimStated;
import dev.ledger.events.DebateEvent;
import dev.ledger.events.DebateOpened;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.ReasonAcknowledged;
import dev.ledger.events.ReasonProposed;
import dev.ledger.events.ViewUpdated;
import org.springframework.stereotype.Component;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Applies one event to the read-model tables. Called only for the next sequence of a debate, inside the
 * transaction that holds the debate's progress lock; the {@code ON CONFLICT} clauses are a second line of
 * defence, not the idempotence mechanism (that is the sequence check).
 */
@Component
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

    private static final RowInsert DEBATE = RowInsert.of(
            "INSERT INTO debate (debate_id, title, description, opened_at, sequence) VALUES ",
            "(?, ?, ?, ?, ?)",
            " ON CONFLICT (debate_id) DO NOTHING",
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT).copyable();

    private static final RowInsert PARTICIPANT = RowInsert.of(
            "INSERT INTO participant (debate_id, participant_id, display_name, joined_at, sequence) VALUES ",
            "(?, ?, ?, ?, ?)",
            " ON CONFLICT (debate_id, participant_id) DO NOTHING",
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT).copyable();

    private static final RowInsert CLAIM = RowInsert.of(
            "INSERT INTO claim (debate_id, claim_id, statement, stated_by, stated_at, sequence) VALUES ",
            "(?, ?, ?, ?, ?, ?)",
            " ON CONFLICT (debate_id, claim_id) DO NOTHING",
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT).copyable();

    private static final RowInsert REASON = RowInsert.of(
            "INSERT INTO reason (debate_id, reason_id, claim_id, stance, text, author, in_reply_to, proposed_at, sequence) VALUES ",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            " ON CONFLICT (debate_id, reason_id) DO NOTHING",
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT).copyable();

    private static final RowInsert ACKNOWLEDGEMENT = RowInsert.of(
            "INSERT INTO acknowledgement (debate_id, reason_id, participant_id, kind, note, acknowledged_at, sequence) VALUES ",
            "(?, ?, ?, ?, ?, ?, ?)",
            """
                     ON CONFLICT (debate_id, reason_id, participant_id) DO UPDATE
                    SET kind = excluded.kind, note = excluded.note,
                        acknowledged_at = excluded.acknowledged_at, sequence = excluded.sequence
                    WHERE acknowledgement.sequence < excluded.sequence""",
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
            Types.BIGINT).upsert(6, 0, 1, 2);

    private static final RowInsert CURRENT_BELIEF = RowInsert.of(
            "INSERT INTO current_belief (debate_id, participant_id, claim_id, credence, rationale, because_of, since, sequence) VALUES ",
            "(?, ?, ?, ?, ?, ?, ?, ?)",
            """
                     ON CONFLICT (debate_id, participant_id, claim_id) DO UPDATE
                    SET credence = excluded.credence, rationale = excluded.rationale, because_of = excluded.because_of,
                        since = excluded.since, sequence = excluded.sequence
                    WHERE current_belief.sequence < excluded.sequence""",
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.VARCHAR, Types.ARRAY,
            Types.TIMESTAMP_WITH_TIMEZONE, Types.BIGINT).upsert(7, 0, 1, 2);

    private static final RowInsert VIEW_CHANGE = RowInsert.of(
            "INSERT INTO view_change (debate_id, sequence, participant_id, claim_id, from_credence, to_credence, rationale, because_of, changed_at) VALUES ",
            "(?, ?, ?, ?, ?, ?, ?, ?, ?)",
            " ON CONFLICT (debate_id, sequence) DO NOTHING",
            Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.DOUBLE, Types.DOUBLE, Types.VARCHAR,
            Types.ARRAY, Types.TIMESTAMP_WITH_TIMEZONE).copyable();

    private void debateOpened(DebateOpened event, OffsetDateTime at, long sequence) {
        statements.insert(ReadModelStatements.Phase.MODEL, DEBATE,
                event.debateId(), event.title(), event.description(), at, sequence);
    }

    private void participantJoined(ParticipantJoined event, OffsetDateTime at, long sequence) {
        statements.insert(ReadModelStatements.Phase.MODEL, PARTICIPANT,
                event.debateId(), event.participantId(), event.displayName(), at, sequence);
    }

    private void claimStated(ClaimStated event, OffsetDateTime at, long sequence) {
        statements.insert(ReadModelStatements.Phase.MODEL, CLAIM,
                event.debateId(), event.claimId(), event.statement(), event.by(), at, sequence);
    }

    private void reasonProposed(ReasonProposed event, OffsetDateTime at, long sequence) {
        statements.insert(ReadModelStatements.Phase.MODEL, REASON,
                event.debateId(), event.reasonId(), event.claimId(), event.stance().wireName(), event.text(), event.by(),
                event.inReplyTo(), at, sequence);
    }

    private void reasonAcknowledged(ReasonAcknowledged event, OffsetDateTime at, long sequence) {
        statements.insert(ReadModelStatements.Phase.MODEL, ACKNOWLEDGEMENT,
                event.debateId(), event.reasonId(), event.by(), event.kind().wireName(), event.note(), at, sequence);
    }

    private void viewUpdated(ViewUpdated event, OffsetDateTime at, long sequence) {
        String[] becauseOf = event.becauseOf().toArray(String[]::new);
        statements.insert(ReadModelStatements.Phase.MODEL, CURRENT_BELIEF,
                event.debateId(), event.participantId(), event.claimId(), event.credence(), event.rationale(), becauseOf,
                at, sequence);
        statements.insert(ReadModelStatements.Phase.MODEL, VIEW_CHANGE,
                event.debateId(), sequence, event.participantId(), event.claimId(), event.previousCredence(),
                event.credence(), event.rationale(), becauseOf, at);
    }
}
