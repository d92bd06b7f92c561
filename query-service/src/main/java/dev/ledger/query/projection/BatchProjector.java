package dev.ledger.query.projection;

import dev.ledger.events.UnreadableEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Applies many records in the caller's transaction through the same {@link Projector} code as the live
 * listener, with progress kept in a {@link BatchProgress} and the writers' statements sent as JDBC batches
 * (see {@link ReadModelStatements}). Used by the rebuild, which points the transaction's search_path at its
 * own tables.
 */
@Component
public class BatchProjector {

    private static final Logger log = LoggerFactory.getLogger(BatchProjector.class);

    private final RecordDecoder decoder;
    private final Projector projector;
    private final ReadModelStatements statements;

    BatchProjector(RecordDecoder decoder, Projector projector, ReadModelStatements statements) {
        this.decoder = decoder;
        this.projector = projector;
        this.statements = statements;
    }

    /** Applies the records in order; returns how many could not be read at all (dead letters on the live side). */
    public int apply(List<String> records, BatchProgress progress) {
        int unreadable = 0;
        statements.defer();
        try {
            for (String json : records) {
                IncomingRecord record;
                try {
                    record = decoder.decode(json);
                } catch (UnreadableEventException e) {
                    unreadable++;
                    log.debug("Rebuild passes over an unreadable record ({}): {}", e.reason(), e.getMessage());
                    continue;
                }
                projector.project(record, progress);
            }
            statements.flush();
        } finally {
            statements.stopDeferring();
        }
        return unreadable;
    }
}
