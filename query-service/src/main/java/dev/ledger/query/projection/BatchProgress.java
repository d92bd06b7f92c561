package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Debate progress held in memory by a rebuild, the single writer of its tables: loaded once, written back to
 * {@code debate_progress} at the end of each batch (same transaction as the batch's events), so no row lock
 * or progress update per event.
 */
public final class BatchProgress implements SequenceTracker {

    private static final RowInsert PROGRESS = RowInsert.of(
            "INSERT INTO debate_progress (debate_id, last_sequence) VALUES ", "(?, ?)",
            " ON CONFLICT (debate_id) DO UPDATE SET last_sequence = excluded.last_sequence, updated_at = now()",
            Types.VARCHAR, Types.BIGINT);

    private final Map<String, Long> lastSequences = new HashMap<>();
    private final Set<String> withParked = new HashSet<>();
    private final Set<String> changed = new LinkedHashSet<>();

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

    public Map<String, Long> lastSequences() {
        return lastSequences;
    }

    /** Writes the progress changed since the last flush, in the caller's transaction. */
    public void flush(JdbcTemplate jdbc) {
        if (changed.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(changed.size());
        for (String debateId : changed) {
            rows.add(new Object[]{debateId, lastSequences.get(debateId)});
        }
        PROGRESS.executeAll(jdbc, rows);
        changed.clear();
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
