package dev.ledger.query.projection;

import dev.ledger.events.UnreadableEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
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
        return apply(decode(records), progress);
    }

    /**
     * Decodes records for a later {@link #apply(Decoded, BatchProgress)}; touches no database and may run on
     * another thread (a rebuild decodes its next batch while the previous one is written).
     */
    public Decoded decode(List<String> records) {
        List<IncomingRecord> readable = new ArrayList<>(records.size());
        int unreadable = 0;
        for (String json : records) {
            try {
                readable.add(decoder.decode(json));
            } catch (UnreadableEventException e) {
                unreadable++;
                log.debug("Batch passes over an unreadable record ({}): {}", e.reason(), e.getMessage());
            }
        }
        return new Decoded(readable, unreadable);
    }

    /**
     * Applies decoded records in order; returns how many could not be read at all. Insert-once rows go out with
     * COPY ({@link ReadModelStatements#deferBulk()}), the upserts as multi-row INSERTs.
     */
    public int apply(Decoded decoded, BatchProgress progress) {
        statements.deferBulk();
        try {
            for (IncomingRecord record : decoded.records) {
                projector.project(record, progress);
            }
            statements.flush();
        } finally {
            statements.stopDeferring();
        }
        return decoded.unreadable;
    }

    /** Records as {@link #decode(List)} read them: the readable ones in order, and how many were not. */
    public static final class Decoded {

        private final List<IncomingRecord> records;
        private final int unreadable;

        private Decoded(List<IncomingRecord> records, int unreadable) {
            this.records = records;
            this.unreadable = unreadable;
        }

        /** Every record given to {@link #decode(List)}, readable or not. */
        public int size() {
            return records.size() + unreadable;
        }
    }
}
