package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.PreparedStatement;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The live projection's tracker for one batch (one poll of the topic) in one transaction: the progress rows of
 * the batch's debates are created if new and locked at the start, in debate id order, and held until the
 * transaction ends, exactly as {@link LockedProgress} holds one debate's row for one record. Gap repair, which
 * projects single records under that lock, therefore never writes a debate at the same time, and two
 * batches (e.g. of two instances during a rebalance) cannot deadlock. Sequences are then kept in memory and
 * written back by {@link #flush}; which of the debates have parked records is looked up once per batch.
 */
final class LiveBatchProgress extends InMemoryProgress {

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
}
