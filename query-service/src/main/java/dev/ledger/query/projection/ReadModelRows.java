package dev.ledger.query.projection;

import dev.ledger.events.ClaimResolutionAnnulled;
import dev.ledger.events.ClaimResolved;
import dev.ledger.events.ClaimStated;
import dev.ledger.events.DebateEvent;
import dev.ledger.events.DebateOpened;
import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.EventType;
import dev.ledger.events.ParticipantInvited;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.ParticipantRoleChanged;
import dev.ledger.events.ReasonAcknowledged;
import dev.ledger.events.ReasonProposed;
import dev.ledger.events.ViewUpdated;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows one batch of applied events adds to the read-model tables of one schema, sent when the batch ends as
 * multi-row INSERTs ({@value #ROWS_PER_STATEMENT} rows a statement), or, for an insert-once table with at least
 * {@value #COPY_FROM_ROWS} rows in the batch (a rebuild's, a catch-up's), as one {@link RowCopy COPY}. Rows of a
 * statement keep their order (an upsert's later row wins), and the timeline's statements run last, because an
 * acknowledgement's entry looks its claim up in {@code reason}. The {@code ON CONFLICT} clauses are a second line of
 * defence; idempotence comes from the sequence check. The timeline summaries must stay worded as the backfill in
 * V2__timeline.sql.
 */
final class ReadModelRows {

    private static final int ROWS_PER_STATEMENT = 250;
    /**
     * Below this a COPY's extra round trips (savepoint, copy start, release) cost more than it saves; the live
     * projection's batches at a steady rate hold a few events.
     */
    private static final int COPY_FROM_ROWS = 64;

    /**
     * {@code INSERT INTO ... VALUES} (or {@code UPDATE ... FROM (VALUES}) + one {@code row} per row + {@code tail}.
     * An upsert (or update) names its key columns:
     * a multi-row upsert may not touch a row twice, so only the last row per key is sent, which is the one of the
     * highest sequence (a batch adds a debate's rows in sequence order), the row the upserts would leave anyway.
     * An insert-once statement whose parameters are exactly its columns has a {@code copy} (else null).
     */
    private record Statement(String head, String row, String tail, RowCopy copy, int... key) {

        String sql(int rows) {
            return head + String.join(", ", Collections.nCopies(rows, row)) + tail;
        }
    }

    private final EventCodec codec = new EventCodec();
    private final Statement debate;
    private final Statement participant;
    private final Statement participantRole;
    private final Statement invitation;
    private final Statement claim;
    private final Statement reason;
    private final Statement acknowledgement;
    private final Statement currentBelief;
    private final Statement viewChange;
    private final Statement claimResolution;
    private final Statement timeline;
    private final Statement timelineOfAcknowledgement;
    /** Every statement, in the order a batch sends them. */
    private final List<Statement> inOrder;
    private final Map<Statement, List<Object[]>> rows = new HashMap<>();

    ReadModelRows(String schema) {
        debate = insert(schema, "debate (debate_id, title, description, opened_at, sequence, opened_by, visibility)",
                "(debate_id) DO NOTHING");
        participant = insert(schema, "participant (debate_id, participant_id, display_name, joined_at, sequence, role, role_sequence)",
                "(debate_id, participant_id) DO NOTHING");
        // after the joins of the same batch, so a role change finds the row of a participant who joined in it
        participantRole = new Statement("UPDATE " + schema + ".participant AS p SET role = v.role, role_sequence = v.sequence"
                + " FROM (VALUES ", "(?, ?, ?, CAST(? AS bigint))", ") AS v (debate_id, participant_id, role, sequence)"
                + " WHERE p.debate_id = v.debate_id AND p.participant_id = v.participant_id AND p.role_sequence < v.sequence",
                null, 0, 1);
        invitation = insert(schema, "invitation (debate_id, handle, role, invited_by, invited_at, sequence)", """
                (debate_id, handle) DO UPDATE
                SET role = excluded.role, invited_by = excluded.invited_by, invited_at = excluded.invited_at, sequence = excluded.sequence
                WHERE invitation.sequence < excluded.sequence""", 0, 1);
        claim = insert(schema, "claim (debate_id, claim_id, statement, stated_by, stated_at, sequence)",
                "(debate_id, claim_id) DO NOTHING");
        reason = insert(schema, "reason (debate_id, reason_id, claim_id, stance, text, author, in_reply_to, proposed_at, sequence)",
                "(debate_id, reason_id) DO NOTHING");
        acknowledgement = insert(schema, "acknowledgement (debate_id, reason_id, participant_id, kind, note, acknowledged_at, sequence)", """
                (debate_id, reason_id, participant_id) DO UPDATE
                SET kind = excluded.kind, note = excluded.note, acknowledged_at = excluded.acknowledged_at, sequence = excluded.sequence
                WHERE acknowledgement.sequence < excluded.sequence""", 0, 1, 2);
        currentBelief = insert(schema, "current_belief (debate_id, participant_id, claim_id, credence, rationale, because_of, since, sequence)", """
                (debate_id, participant_id, claim_id) DO UPDATE
                SET credence = excluded.credence, rationale = excluded.rationale, because_of = excluded.because_of,
                    since = excluded.since, sequence = excluded.sequence
                WHERE current_belief.sequence < excluded.sequence""", 0, 1, 2);
        viewChange = insert(schema, "view_change (debate_id, sequence, participant_id, claim_id, from_credence, to_credence, "
                + "rationale, because_of, changed_at)", "(debate_id, sequence) DO NOTHING");
        claimResolution = insert(schema, "claim_resolution (debate_id, sequence, claim_id, outcome, note, decided_by, at)",
                "(debate_id, sequence) DO NOTHING");
        String timelineTable = schema + ".timeline_entry "
                + "(debate_id, sequence, type, at, participant_id, claim_id, reason_id, summary, details)";
        String onConflict = " ON CONFLICT (debate_id, sequence) DO NOTHING";
        timeline = new Statement("INSERT INTO " + timelineTable + " VALUES ", "(?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb))",
                onConflict, RowCopy.into(timelineTable));
        timelineOfAcknowledgement = new Statement("INSERT INTO " + timelineTable + " VALUES ", "(?, ?, ?, ?, ?, (SELECT claim_id FROM "
                + schema + ".reason WHERE debate_id = ? AND reason_id = ?), ?, ?, CAST(? AS jsonb))", onConflict, null);
        inOrder = List.of(debate, participant, participantRole, invitation, claim, reason, acknowledgement, currentBelief, viewChange,
                claimResolution, timeline, timelineOfAcknowledgement);
    }

    /**
     * {@code INSERT INTO schema.table (columns) VALUES (?, ...) ON CONFLICT onConflict}: one parameter per column;
     * an insert-once one ({@code DO NOTHING}) may be sent as a COPY.
     */
    private static Statement insert(String schema, String tableAndColumns, String onConflict, int... key) {
        long columns = tableAndColumns.chars().filter(c -> c == ',').count() + 1;
        RowCopy copy = onConflict.endsWith("DO NOTHING") && key.length == 0 ? RowCopy.into(schema + "." + tableAndColumns) : null;
        return new Statement("INSERT INTO " + schema + "." + tableAndColumns + " VALUES ",
                "(" + String.join(", ", Collections.nCopies((int) columns, "?")) + ")", " ON CONFLICT " + onConflict, copy, key);
    }

    /** Adds the rows of one event: its read-model rows and its timeline entry. */
    void add(EventEnvelope envelope) {
        DebateEvent event = envelope.payload();
        String debateId = envelope.debateId();
        long sequence = envelope.sequence();
        OffsetDateTime at = OffsetDateTime.ofInstant(envelope.occurredAt(), ZoneOffset.UTC);
        String type = EventType.of(event).wireName();
        String details = codec.payloadToJson(event);
        if (event instanceof DebateOpened opened) {
            add(debate, debateId, opened.title(), opened.description(), at, sequence, opened.openedBy(),
                    opened.visibility().wireName());
            add(timeline, debateId, sequence, type, at, null, null, null,
                    "debate opened: \"" + opened.title() + "\"", details);
        } else if (event instanceof ParticipantJoined joined) {
            add(participant, debateId, joined.participantId(), joined.displayName(), at, sequence, joined.role().wireName(),
                    sequence);
            add(timeline, debateId, sequence, type, at, joined.participantId(), null, null,
                    joined.participantId() + " joined as \"" + joined.displayName() + "\"", details);
        } else if (event instanceof ParticipantInvited invited) {
            add(invitation, debateId, invited.handle(), invited.role().wireName(), invited.invitedBy(), at, sequence);
            add(timeline, debateId, sequence, type, at, invited.invitedBy(), null, null,
                    invited.invitedBy() + " invited " + invited.handle() + " as " + invited.role().wireName(), details);
        } else if (event instanceof ParticipantRoleChanged changed) {
            add(participantRole, debateId, changed.participantId(), changed.role().wireName(), sequence);
            add(timeline, debateId, sequence, type, at, changed.changedBy(), null, null,
                    changed.changedBy() + " made " + changed.participantId() + " " + changed.role().wireName(), details);
        } else if (event instanceof ClaimStated stated) {
            add(claim, debateId, stated.claimId(), stated.statement(), stated.by(), at, sequence);
            add(timeline, debateId, sequence, type, at, stated.by(), stated.claimId(), null,
                    stated.by() + " stated " + stated.claimId() + ": \"" + stated.statement() + "\"", details);
        } else if (event instanceof ReasonProposed proposed) {
            add(reason, debateId, proposed.reasonId(), proposed.claimId(), proposed.stance().wireName(),
                    proposed.text(), proposed.by(), proposed.inReplyTo(), at, sequence);
            add(timeline, debateId, sequence, type, at, proposed.by(), proposed.claimId(), proposed.reasonId(),
                    proposed.by() + " proposed " + proposed.reasonId() + " " + proposed.stance().wireName() + " "
                            + proposed.claimId()
                            + (proposed.inReplyTo() == null ? "" : " in reply to " + proposed.inReplyTo())
                            + ": \"" + proposed.text() + "\"", details);
        } else if (event instanceof ReasonAcknowledged acknowledged) {
            add(acknowledgement, debateId, acknowledged.reasonId(), acknowledged.by(),
                    acknowledged.kind().wireName(), acknowledged.note(), at, sequence);
            add(timelineOfAcknowledgement, debateId, sequence, type, at, acknowledged.by(),
                    debateId, acknowledged.reasonId(), acknowledged.reasonId(),
                    acknowledged.by() + " " + acknowledged.kind().wireName() + " " + acknowledged.reasonId()
                            + (acknowledged.note() == null ? "" : ": \"" + acknowledged.note() + "\""), details);
        } else if (event instanceof ViewUpdated updated) {
            String[] becauseOf = updated.becauseOf().toArray(String[]::new);
            add(currentBelief, debateId, updated.participantId(), updated.claimId(), updated.credence(),
                    updated.rationale(), becauseOf, at, sequence);
            add(viewChange, debateId, sequence, updated.participantId(), updated.claimId(),
                    updated.previousCredence(), updated.credence(), updated.rationale(), becauseOf, at);
            add(timeline, debateId, sequence, type, at, updated.participantId(), updated.claimId(), null,
                    updated.participantId() + (updated.previousCredence() == null
                            ? " set " + updated.claimId() + " at " + credence(updated.credence())
                            : " moved " + updated.claimId() + " from " + credence(updated.previousCredence())
                            + " to " + credence(updated.credence()))
                            + " citing " + reasons(updated.becauseOf().size()), details);
        } else if (event instanceof ClaimResolved resolved) {
            add(claimResolution, debateId, sequence, resolved.claimId(), resolved.outcome(), resolved.note(),
                    resolved.resolvedBy(), at);
            add(timeline, debateId, sequence, type, at, resolved.resolvedBy(), resolved.claimId(), null,
                    resolved.resolvedBy() + " resolved " + resolved.claimId() + " as " + resolved.outcome()
                            + (resolved.note() == null ? "" : ": \"" + resolved.note() + "\""), details);
        } else if (event instanceof ClaimResolutionAnnulled annulled) {
            add(claimResolution, debateId, sequence, annulled.claimId(), null, annulled.note(), annulled.annulledBy(), at);
            add(timeline, debateId, sequence, type, at, annulled.annulledBy(), annulled.claimId(), null,
                    annulled.annulledBy() + " annulled the resolution of " + annulled.claimId() + ": \""
                            + annulled.note() + "\"", details);
        } else {
            throw new IllegalStateException("no projection for " + event.getClass().getName());
        }
    }

    /** Sends every row added so far, in the caller's transaction. */
    void flush(JdbcTemplate jdbc) {
        for (Statement statement : inOrder) {
            List<Object[]> values = rows.remove(statement);
            if (values == null) {
                continue;
            }
            if (statement.key().length > 0) {
                Map<List<Object>, Object[]> lastPerKey = new LinkedHashMap<>();
                for (Object[] row : values) {
                    lastPerKey.put(Arrays.stream(statement.key()).mapToObj(i -> row[i]).toList(), row);
                }
                values = new ArrayList<>(lastPerKey.values());
            }
            if (statement.copy() != null && values.size() >= COPY_FROM_ROWS) {
                statement.copy().copyAll(jdbc, values, clashing -> insertAll(jdbc, statement, clashing));
            } else {
                insertAll(jdbc, statement, values);
            }
        }
    }

    /** Sends the rows as multi-row statements of at most {@value #ROWS_PER_STATEMENT} rows, in order. */
    private static void insertAll(JdbcTemplate jdbc, Statement statement, List<Object[]> values) {
        for (int from = 0; from < values.size(); from += ROWS_PER_STATEMENT) {
            List<Object[]> chunk = values.subList(from, Math.min(values.size(), from + ROWS_PER_STATEMENT));
            jdbc.update(statement.sql(chunk.size()), prepared -> {
                int parameter = 1;
                for (Object[] row : chunk) {
                    for (Object value : row) {
                        bind(prepared, parameter++, value);
                    }
                }
            });
        }
    }

    private void add(Statement statement, Object... values) {
        rows.computeIfAbsent(statement, key -> new ArrayList<>()).add(values);
    }

    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.NULL);   // PostgreSQL takes the column's type
        } else if (value instanceof String text) {
            statement.setString(index, text);
        } else {
            statement.setObject(index, value);
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
