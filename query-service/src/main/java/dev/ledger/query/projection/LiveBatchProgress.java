package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live projection's tracker for one batch (one poll of the topic) in one transaction: the progress rows of
 * the batch's debates are created if new and locked at the start, in debate id order, and held until the
 * transaction ends, exactly as {@link LockedProgress} holds one debate's row for one record. Gap repair, which
 * projects single records under that lock, therefore never writes a debate at the same time, and two
 * batches (e.g. of two instances during a rebalance) cannot deadlock. Sequences are then kept in memory and
 * written back by {@link #flush}, which also finds out once per batch which debates have parked records.
 */
final class LiveBatchProgress implements SequenceTracker {

    private final Map<String, Long> lastSequences = new HashMap<>();
    private final Set<String> withParked = new HashSet<>();
    private final Set<String> changed = new TreeSet<>();

    private LiveBatchProgress() {
    }

    /** Locks the debates' progress rows in the caller's transaction and reads them. */
    static LiveBatchProgress lock(JdbcTemplate jdbc, Collection<String> debateIds) {
        String[] ids = new TreeSet<>(debateIds).toArray(String[]::new);
        LiveBatchProgress progress = new LiveBatchProgress();
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO debate_progress (debate_id)
                    SELECT id FROM unnest(?::text[]) AS ids(id) ORDER BY id
                    ON CONFLICT (debate_id) DO NOTHING""");
            statement.setArray(1, connection.createArrayOf("text", ids));
            return statement;
        });
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                    SELECT debate_id, last_sequence FROM debate_progress
                    WHERE debate_id = ANY(?) ORDER BY debate_id FOR UPDATE""");
            statement.setArray(1, connection.createArrayOf("text", ids));
            return statement;
        }, rs -> { progress.lastSequences.put(rs.getString(1), rs.getLong(2)); });
        // Under the locks just taken only this transaction parks or takes records of these debates.
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(
                    "SELECT DISTINCT debate_id FROM pending_event WHERE debate_id = ANY(?)");
            statement.setArray(1, connection.createArrayOf("text", ids));
            return statement;
        }, rs -> { progress.withParked.add(rs.getString(1)); });
        return progress;
    }

    @Override
    public long lastSequence(String debateId) {
        Long last = lastSequences.get(debateId);
        if (last == null) {
            throw new IllegalStateException("debate " + debateId + " is not part of this batch; its progress is not locked");
        }
        return last;
    }

    @Override
    public void advanceTo(String debateId, long sequence) {
        lastSequences.put(debateId, sequence);
        changed.add(debateId);
    }

    @Override
    public boolean mayHaveParked(String debateId) {
        return withParked.contains(debateId);
    }

    @Override
    public void parked(String debateId) {
        withParked.add(debateId);
    }

    /** Writes the sequences the batch advanced, in the caller's transaction. */
    void flush(JdbcTemplate jdbc) {
        if (changed.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(changed.size());
        for (String debateId : changed) {
            rows.add(new Object[]{lastSequences.get(debateId), debateId});
        }
        jdbc.batchUpdate("UPDATE debate_progress SET last_sequence = ?, updated_at = now() WHERE debate_id = ?", rows);
        changed.clear();
    }
}
