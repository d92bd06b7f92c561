package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

/**
 * Debate progress held in memory by a rebuild, the single writer of its tables: loaded once, written back to
 * {@code debate_progress} at the end of each batch (same transaction as the batch's events), so no row lock
 * or progress update per event.
 */
public final class BatchProgress extends InMemoryProgress {

    /** Loads the progress of the tables the current search_path points at. */
    public static BatchProgress load(JdbcTemplate jdbc) {
        BatchProgress progress = new BatchProgress();
        jdbc.query("SELECT debate_id, last_sequence FROM debate_progress",
                rs -> { progress.lastSequences.put(rs.getString(1), rs.getLong(2)); });
        jdbc.query("SELECT DISTINCT debate_id FROM pending_event", rs -> { progress.withParked.add(rs.getString(1)); });
        return progress;
    }

    @Override
    public long lastSequence(String debateId) {
        Long last = lastSequences.get(debateId);
        if (last == null) {
            // The live projection creates the progress row on first sight, even for a record it parks.
            lastSequences.put(debateId, 0L);
            changed.add(debateId);
            return 0;
        }
        return last;
    }

    public Map<String, Long> lastSequences() {
        return lastSequences;
    }

    /** Forgets unflushed changes (after the batch's transaction rolled back) by reloading. */
    public void reload(JdbcTemplate jdbc) {
        BatchProgress fresh = load(jdbc);
        lastSequences.clear();
        lastSequences.putAll(fresh.lastSequences);
        withParked.clear();
        withParked.addAll(fresh.withParked);
        changed.clear();
    }
}
