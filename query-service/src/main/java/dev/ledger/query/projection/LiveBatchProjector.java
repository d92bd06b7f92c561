package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;

/**
 * Projects one poll of the topic in ONE database transaction through the same {@link Projector} code as a
 * single record: the batch's debates' progress rows locked first ({@link LiveBatchProgress}), the writers'
 * statements sent as JDBC batches ({@link ReadModelStatements}, as a rebuild does), progress written at the end.
 * A redelivered batch changes nothing (idempotent by sequence), so the listener commits the offsets after this.
 */
@Component
class LiveBatchProjector {

    private final Projector projector;
    private final ReadModelStatements statements;
    private final JdbcTemplate jdbc;

    LiveBatchProjector(Projector projector, ReadModelStatements statements, JdbcTemplate jdbc) {
        this.projector = projector;
        this.statements = statements;
        this.jdbc = jdbc;
    }

    /** Applies the records in order; the outcomes are those of the records, in the same order. */
    @Transactional
    public List<ProjectionOutcome> project(List<IncomingRecord> records) {
        LiveBatchProgress progress = LiveBatchProgress.lock(jdbc, records.stream().map(IncomingRecord::debateId).toList());
        List<ProjectionOutcome> outcomes = new ArrayList<>(records.size());
        statements.defer();
        try {
            for (IncomingRecord record : records) {
                outcomes.add(projector.project(record, progress));
            }
            statements.flush();
        } finally {
            statements.stopDeferring();
        }
        progress.flush(jdbc);
        return outcomes;
    }
}
