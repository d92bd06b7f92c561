package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes the read-model writers' INSERTs: at once, one row each (live projection), or, while a batch defers
 * them, collected per statement and sent as multi-row INSERTs when the batch flushes. Deferring preserves what
 * matters: rows of the same statement (the same table) keep their order, and every {@link Phase#MODEL}
 * statement runs before every {@link Phase#TIMELINE} one, which may read model tables (an acknowledgement's
 * claim is the acknowledged reason's). The writers never read their own tables otherwise.
 * <p>
 * A multi-row {@code INSERT ... ON CONFLICT DO UPDATE} may not touch the same row twice, so rows of an upsert
 * ({@link RowInsert#upsertKey()}) are first reduced to the one with the highest sequence per key: the upserts
 * only ever replace a row with one of a higher sequence, so that row is the final state either way.
 * <p>
 * A rebuild's batches ({@link #deferBulk()}) send the rows of insert-once statements with COPY instead
 * ({@link RowInsert#copyable()}), and look the claims of acknowledged reasons up once per batch
 * ({@link ClaimOfReason}) so that those timeline rows can be copied too.
 */
@Component
class ReadModelStatements {

    enum Phase { MODEL, TIMELINE }

    private final JdbcTemplate jdbc;
    private final ThreadLocal<Map<Phase, Map<RowInsert, List<Object[]>>>> deferred = new ThreadLocal<>();
    /** Whether this thread's deferred batch sends its {@link RowInsert#copyable() copyable} rows with COPY. */
    private final ThreadLocal<Boolean> bulk = new ThreadLocal<>();

    ReadModelStatements(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Phase phase, RowInsert statement, Object... values) {
        Map<Phase, Map<RowInsert, List<Object[]>>> batch = deferred.get();
        if (batch == null) {
            statement.executeOne(jdbc, values);
        } else {
            batch.get(phase).computeIfAbsent(statement, key -> new ArrayList<>()).add(values);
        }
    }

    /** From now on this thread's statements wait for {@link #flush()}. */
    void defer() {
        startDeferring(false);
    }

    /**
     * As {@link #defer()}, and the flush sends copyable statements' rows with COPY: for a rebuild's batches,
     * where each (debate, sequence) is applied once (its progress is in memory and commits with the rows).
     */
    void deferBulk() {
        startDeferring(true);
    }

    /** Whether this thread defers a bulk batch ({@link #deferBulk()}). */
    boolean copying() {
        return Boolean.TRUE.equals(bulk.get());
    }

    /**
     * A value of a bulk batch's {@link Phase#TIMELINE} row known only once the batch's model rows are written:
     * the claim of an acknowledged reason, looked up for all such rows at once (null when there is no such
     * reason), as the live INSERT's sub-select does row by row.
     */
    record ClaimOfReason(String debateId, String reasonId) {
    }

    private void startDeferring(boolean copy) {
        Map<Phase, Map<RowInsert, List<Object[]>>> batch = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            batch.put(phase, new LinkedHashMap<>());
        }
        deferred.set(batch);
        bulk.set(copy);
    }

    /** Sends the deferred statements (in the caller's transaction) and keeps deferring. */
    void flush() {
        Map<Phase, Map<RowInsert, List<Object[]>>> batch = deferred.get();
        if (batch == null) {
            return;
        }
        boolean copy = copying();
        for (Map.Entry<Phase, Map<RowInsert, List<Object[]>>> phase : batch.entrySet()) {
            Map<RowInsert, List<Object[]>> statements = phase.getValue();
            if (copy && phase.getKey() == Phase.TIMELINE) {
                resolveClaimsOfReasons(statements.values());
            }
            for (Map.Entry<RowInsert, List<Object[]>> statement : statements.entrySet()) {
                if (copy && statement.getKey().isCopyable()) {
                    statement.getKey().copyAll(jdbc, statement.getValue());
                } else {
                    statement.getKey().executeAll(jdbc, statement.getValue());
                }
            }
            statements.clear();
        }
    }

    private void resolveClaimsOfReasons(Collection<List<Object[]>> rowLists) {
        Map<ClaimOfReason, String> claims = new HashMap<>();
        for (List<Object[]> rows : rowLists) {
            for (Object[] row : rows) {
                for (Object value : row) {
                    if (value instanceof ClaimOfReason wanted) {
                        claims.put(wanted, null);
                    }
                }
            }
        }
        if (claims.isEmpty()) {
            return;
        }
        String[] debates = claims.keySet().stream().map(ClaimOfReason::debateId).toArray(String[]::new);
        String[] reasons = claims.keySet().stream().map(ClaimOfReason::reasonId).toArray(String[]::new);
        jdbc.query("""
                        SELECT r.debate_id, r.reason_id, r.claim_id
                        FROM unnest(?::text[], ?::text[]) AS wanted (debate_id, reason_id)
                        JOIN reason r USING (debate_id, reason_id)""",
                rs -> { claims.put(new ClaimOfReason(rs.getString(1), rs.getString(2)), rs.getString(3)); },
                debates, reasons);
        for (List<Object[]> rows : rowLists) {
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (row[i] instanceof ClaimOfReason wanted) {
                        row[i] = claims.get(wanted);
                    }
                }
            }
        }
    }

    /** Stops deferring; anything not flushed is dropped (the batch's transaction is rolling back). */
    void stopDeferring() {
        deferred.remove();
        bulk.remove();
    }
}
