package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Debate progress kept in memory for the length of a batch and written back to {@code debate_progress} in the
 * batch's transaction, in one multi-row statement: what the live projection ({@link LiveBatchProgress}) and a
 * rebuild ({@link BatchProgress}) have in common. They differ in how the rows are read (locked, or all of them)
 * and in what an unknown debate means.
 */
abstract class InMemoryProgress implements SequenceTracker {

    private static final RowInsert PROGRESS = RowInsert.of(
            "INSERT INTO debate_progress (debate_id, last_sequence) VALUES ", "(?, ?)",
            " ON CONFLICT (debate_id) DO UPDATE SET last_sequence = excluded.last_sequence, updated_at = now()",
            Types.VARCHAR, Types.BIGINT);

    final Map<String, Long> lastSequences = new HashMap<>();
    final Set<String> withParked = new HashSet<>();
    /** Debates whose progress changed since the last flush, in id order. */
    final Set<String> changed = new TreeSet<>();

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
}
