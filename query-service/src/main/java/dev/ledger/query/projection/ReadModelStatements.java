package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.EnumMap;
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
 */
@Component
class ReadModelStatements {

    enum Phase { MODEL, TIMELINE }

    private final JdbcTemplate jdbc;
    private final ThreadLocal<Map<Phase, Map<RowInsert, List<Object[]>>>> deferred = new ThreadLocal<>();

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
        Map<Phase, Map<RowInsert, List<Object[]>>> batch = new EnumMap<>(Phase.class);
        for (Phase phase : Phase.values()) {
            batch.put(phase, new LinkedHashMap<>());
        }
        deferred.set(batch);
    }

    /** Sends the deferred statements (in the caller's transaction) and keeps deferring. */
    void flush() {
        Map<Phase, Map<RowInsert, List<Object[]>>> batch = deferred.get();
        if (batch == null) {
            return;
        }
        for (Map<RowInsert, List<Object[]>> statements : batch.values()) {
            for (Map.Entry<RowInsert, List<Object[]>> statement : statements.entrySet()) {
                statement.getKey().executeAll(jdbc, statement.getValue());
            }
            statements.clear();
        }
    }

    /** Stops deferring; anything not flushed is dropped (the batch's transaction is rolling back). */
    void stopDeferring() {
        deferred.remove();
    }
}
