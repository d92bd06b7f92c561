package dev.ledger.query.projection;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Executes the read-model writers' statements: at once (live projection), or, while a rebuild batch defers
 * them, collected per SQL text and sent as JDBC batches when the batch flushes. Deferring preserves what
 * matters: statements with the same SQL (the same table) keep their order, and every {@link Phase#MODEL}
 * statement runs before every {@link Phase#TIMELINE} one, which may read model tables (an acknowledgement's
 * claim is the acknowledged reason's). The writers never read their own tables otherwise.
 */
@Component
class ReadModelStatements {

    enum Phase { MODEL, TIMELINE }

    private final NamedParameterJdbcTemplate jdbc;
    private final ThreadLocal<Map<Phase, Map<String, List<SqlParameterSource>>>> deferred = new ThreadLocal<>();

    ReadModelStatements(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void update(Phase phase, String sql, SqlParameterSource parameters) {
        Map<Phase, Map<String, List<SqlParameterSource>>> batch = deferred.get();
        if (batch == null) {
            jdbc.update(sql, parameters);
        } else {
            batch.get(phase).computeIfAbsent(sql, key -> new ArrayList<>()).add(parameters);
        }
    }

    /** From now on this thread's statements wait for {@link #flush()}. */
    void defer() {
        Map<Phase, Map<String, List<SqlParameterSource>>> batch = new LinkedHashMap<>();
        for (Phase phase : Phase.values()) {
            batch.put(phase, new LinkedHashMap<>());
        }
        deferred.set(batch);
    }

    /** Sends the deferred statements (in the caller's transaction) and keeps deferring. */
    void flush() {
        Map<Phase, Map<String, List<SqlParameterSource>>> batch = deferred.get();
        if (batch == null) {
            return;
        }
        for (Map<String, List<SqlParameterSource>> statements : batch.values()) {
            for (Map.Entry<String, List<SqlParameterSource>> statement : statements.entrySet()) {
                jdbc.batchUpdate(statement.getKey(), statement.getValue().toArray(SqlParameterSource[]::new));
            }
            statements.clear();
        }
    }

    /** Stops deferring; anything not flushed is dropped (the batch's transaction is rolling back). */
    void stopDeferring() {
        deferred.remove();
    }
}
