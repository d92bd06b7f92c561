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
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rows one batch of applied events adds to the read-model tables of one schema, sent as one JDBC batch per
 * statement when the batch ends. Rows of a statement keep their order (an upsert's later row wins), and the
 * timeline's statements run last, because an acknowledgement's entry looks its claim up in {@code reason}.
 * The {@code ON CONFLICT} clauses are a second line of defence; idempotence comes from the sequence check.
 * The timeline summaries must stay worded as the backfill in V2__timeline.sql.
 */
final class ReadModelRows {

    private final EventCodec codec = new EventCodec();
    private final String debate;
    private final String participant;
    private final String claim;
    private final String reason;
    private final String acknowledgement;
    private final String currentBelief;
    private final String viewChange;
    private final String timeline;
    private final String timelineOfAcknowledgement;
    /** Every statement, in the order a batch sends them. */
    private final List<String> inOrder;
    private final Map<String, List<Object[]>> rows = new HashMap<>();

    ReadModelRows(String schema) {
        debate = insert(schema, "debate (debate_id, title, description, opened_at, sequence)", "(debate_id) DO NOTHING");
        participant = insert(schema, "participant (debate_id, participant_id, display_name, joined_at, sequence)",
                "(debate_id, participant_id) DO NOTHING");
        claim = insert(schema, "claim (debate_id, claim_id, statement, stated_by, stated_at, sequence)",
                "(debate_id, claim_id) DO NOTHING");
        reason = insert(schema, "reason (debate_id, reason_id, claim_id, stance, text, author, in_reply_to, proposed_at, sequence)",
                "(debate_id, reason_id) DO NOTHING");
        acknowledgement = insert(schema, "acknowledgement (debate_id, reason_id, participant_id, kind, note, acknowledged_at, sequence)", """
                (debate_id, reason_id, participant_id) DO UPDATE
                SET kind = excluded.kind, note = excluded.note, acknowledged_at = excluded.acknowledged_at, sequence = excluded.sequence
                WHERE acknowledgement.sequence < excluded.sequence""");
        currentBelief = insert(schema, "current_belief (debate_id, participant_id, claim_id, credence, rationale, because_of, since, sequence)", """
                (debate_id, participant_id, claim_id) DO UPDATE
                SET credence = excluded.credence, rationale = excluded.rationale, because_of = excluded.because_of,
                    since = excluded.since, sequence = excluded.sequence
                WHERE current_belief.sequence < excluded.sequence""");
        viewChange = insert(schema, "view_change (debate_id, sequence, participant_id, claim_id, from_credence, to_credence, "
                + "rationale, because_of, changed_at)", "(debate_id, sequence) DO NOTHING");
        String timelineColumns = "INSERT INTO " + schema + ".timeline_entry "
                + "(debate_id, sequence, type, at, participant_id, claim_id, reason_id, summary, details) VALUES ";
        timeline = timelineColumns + "(?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb)) ON CONFLICT (debate_id, sequence) DO NOTHING";
        timelineOfAcknowledgement = timelineColumns + "(?, ?, ?, ?, ?, (SELECT claim_id FROM " + schema
                + ".reason WHERE debate_id = ? AND reason_id = ?), ?, ?, CAST(? AS jsonb)) ON CONFLICT (debate_id, sequence) DO NOTHING";
        inOrder = List.of(debate, participant, claim, reason, acknowledgement, currentBelief, viewChange,
                timeline, timelineOfAcknowledgement);
    }

    /** {@code INSERT INTO schema.table (columns) VALUES (?, ...) ON CONFLICT onConflict}: one parameter per column. */
    private static String insert(String schema, String tableAndColumns, String onConflict) {
        long columns = tableAndColumns.chars().filter(c -> c == ',').count() + 1;
        return "INSERT INTO " + schema + "." + tableAndColumns + " VALUES ("
                + String.join(", ", Collections.nCopies((int) columns, "?")) + ") ON CONFLICT " + onConflict;
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
            add(debate, debateId, opened.title(), opened.description(), at, sequence);
            add(timeline, debateId, sequence, type, at, null, null, null,
                    "debate opened: \"" + opened.title() + "\"", details);
        } else if (event instanceof ParticipantJoined joined) {
            add(participant, debateId, joined.participantId(), joined.displayName(), at, sequence);
            add(timeline, debateId, sequence, type, at, joined.participantId(), null, null,
                    joined.participantId() + " joined as \"" + joined.displayName() + "\"", details);
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
        } else {
            throw new IllegalStateException("no projection for " + event.getClass().getName());
        }
    }

    /** Sends every row added so far, in the caller's transaction. */
    void flush(JdbcTemplate jdbc) {
        for (String statement : inOrder) {
            List<Object[]> values = rows.remove(statement);
            if (values != null) {
                jdbc.batchUpdate(statement, new BatchPreparedStatementSetter() {
                    @Override
                    public void setValues(PreparedStatement prepared, int row) throws SQLException {
                        bind(prepared, values.get(row));
                    }

                    @Override
                    public int getBatchSize() {
                        return values.size();
                    }
                });
            }
        }
    }

    private void add(String statement, Object... values) {
        rows.computeIfAbsent(statement, key -> new ArrayList<>()).add(values);
    }

    private static void bind(PreparedStatement statement, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            Object value = values[i];
            if (value == null) {
                statement.setNull(i + 1, Types.NULL);   // PostgreSQL takes the column's type
            } else if (value instanceof String text) {
                statement.setString(i + 1, text);
            } else {
                statement.setObject(i + 1, value);
            }
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
