package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far each debate of one batch got: its last applied sequence, and whether records of it are parked in
 * {@code pending_event}. The progress rows are created if new and locked at the start of the batch's transaction,
 * in debate id order, so two batches (the live listener, a gap repair, two instances) never write a debate at
 * the same time and cannot deadlock; the sequences reached are written back at the end of the batch.
 */
final class DebateProgress {

    private final Map<String, Long> lastSequences = new HashMap<>();
    private final Set<String> withParked = new HashSet<>();
    private final Set<String> changed = new TreeSet<>();

    private DebateProgress() {
    }

    /** Creates, locks and reads the progress of these debates in {@code schema}, in the caller's transaction. */
    static DebateProgress lock(JdbcTemplate jdbc, String schema, Collection<String> debateIds) {
        String[] ids = new TreeSet<>(debateIds).toArray(String[]::new);
        DebateProgress progress = new DebateProgress();
        jdbc.update(connection -> withIds(connection, ids, """
                INSERT INTO %s.debate_progress (debate_id) SELECT id FROM unnest(?::text[]) AS ids(id) ORDER BY id
                ON CONFLICT (debate_id) DO NOTHING""".formatted(schema)));
        // Under the locks taken here only this transaction parks or takes records of these debates.
        jdbc.query(connection -> withIds(connection, ids, """
                        SELECT p.debate_id, p.last_sequence,
                               EXISTS (SELECT 1 FROM %1$s.pending_event e WHERE e.debate_id = p.debate_id)
                        FROM %1$s.debate_progress p WHERE p.debate_id = ANY(?) ORDER BY p.debate_id FOR UPDATE OF p""".formatted(schema)),
                rs -> {
                    progress.lastSequences.put(rs.getString(1), rs.getLong(2));
                    if (rs.getBoolean(3)) {
                        progress.withParked.add(rs.getString(1));
                    }
                });
        return progress;
    }

    private static PreparedStatement withIds(Connection connection, String[] ids, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setArray(1, connection.createArrayOf("text", ids));
        return statement;
    }

    long lastSequence(String debateId) {
        Long last = lastSequences.get(debateId);
        if (last == null) {
            throw new IllegalStateException("debate " + debateId + " is not part of this batch; its progress is not locked");
        }
        return last;
    }

    void advanceTo(String debateId, long sequence) {
        lastSequences.put(debateId, sequence);
        changed.add(debateId);
    }

    boolean mayHaveParked(String debateId) {
        return withParked.contains(debateId);
    }

    void parked(String debateId) {
        withParked.add(debateId);
    }

    /** Writes the sequences reached, in the caller's transaction. */
    void flush(JdbcTemplate jdbc, String schema) {
        if (changed.isEmpty()) {
            return;
        }
        String[] ids = changed.toArray(String[]::new);
        Long[] sequences = changed.stream().map(lastSequences::get).toArray(Long[]::new);
        jdbc.update(connection -> {
            PreparedStatement statement = withIds(connection, ids, """
                    UPDATE %s.debate_progress p SET last_sequence = s.last_sequence, updated_at = now()
                    FROM unnest(?::text[], ?::bigint[]) AS s(debate_id, last_sequence)
                    WHERE p.debate_id = s.debate_id""".formatted(schema));
            statement.setArray(2, connection.createArrayOf("bigint", sequences));
            return statement;
        });
        if (LiveProjection.SCHEMA.equals(schema)) {
            // delivered by PostgreSQL only when this transaction commits, so a listener never hears of rows it cannot read
            jdbc.query(connection -> {
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT pg_notify(?, s.debate_id || ':' || s.last_sequence)
                        FROM unnest(?::text[], ?::bigint[]) AS s(debate_id, last_sequence)""");
                statement.setString(1, LiveProjection.CHANGED_CHANNEL);
                statement.setArray(2, connection.createArrayOf("text", ids));
                statement.setArray(3, connection.createArrayOf("bigint", sequences));
                return statement;
            }, rs -> { });
        }
        changed.clear();
    }
}
