package dev.ledger.query.rebuild;

import dev.ledger.query.projection.BatchProgress;
import dev.ledger.query.projection.BatchProjector;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Writes batches of records into the rebuild's tables with the live projection code: each batch is one
 * transaction whose search_path is the rebuild schema, so the same unqualified SQL lands in the copies.
 * synchronous_commit is off: a batch lost to a crash is simply read again on resume (progress is idempotent).
 */
@Component
class RebuildWriter {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final BatchProjector projector;

    RebuildWriter(JdbcTemplate jdbc, TransactionTemplate transaction, BatchProjector projector) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.projector = projector;
    }

    BatchProgress loadProgress() {
        return transaction.execute(status -> {
            useRebuildSchema();
            return BatchProgress.load(jdbc);
        });
    }

    BatchProjector.Decoded decode(List<String> records) {
        return projector.decode(records);
    }

    /** Applies the records and runs {@code bookkeeping} in the same transaction; returns the unreadable count. */
    int write(List<String> records, BatchProgress progress, Runnable bookkeeping) {
        return write(decode(records), progress, bookkeeping);
    }

    /** Applies decoded records and runs {@code bookkeeping} in the same transaction; returns the unreadable count. */
    int write(BatchProjector.Decoded records, BatchProgress progress, Runnable bookkeeping) {
        try {
            Integer unreadable = transaction.execute(status -> {
                useRebuildSchema();
                jdbc.execute("SET LOCAL synchronous_commit TO off");
                int count = projector.apply(records, progress);
                progress.flush(jdbc);
                bookkeeping.run();
                return count;
            });
            return unreadable == null ? 0 : unreadable;
        } catch (RuntimeException e) {
            transaction.executeWithoutResult(status -> {
                useRebuildSchema();
                progress.reload(jdbc);
            });
            throw e;
        }
    }

    private void useRebuildSchema() {
        jdbc.execute("SET LOCAL search_path TO " + RebuildSchema.SCHEMA);
    }
}
