package dev.ledger.query.projection;

import dev.ledger.events.UnreadableEventException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way events reach a read model: a batch of records applied to the tables of one schema in ONE
 * transaction, each debate in sequence order. A record is applied when it is its debate's next sequence (then
 * the parked records it releases), parked in {@code pending_event} when it comes ahead of a missing one, and
 * ignored when already applied, so applying a batch twice changes nothing. The live listener and gap repair
 * use the pipeline of {@code public}; a rebuild one of its own schema. Called inside a transaction, it joins it.
 */
public final class ProjectionPipeline {

    private static final Logger log = LoggerFactory.getLogger(ProjectionPipeline.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final RecordDecoder decoder = new RecordDecoder();
    private final String schema;

    public ProjectionPipeline(JdbcTemplate jdbc, TransactionTemplate transaction, String schema) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.schema = schema;
    }

    /** A pipeline with its own transactions over a plain DataSource (no Spring context needed). */
    public static ProjectionPipeline over(DataSource dataSource, String schema) {
        return new ProjectionPipeline(new JdbcTemplate(dataSource),
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), schema);
    }

    public String schema() {
        return schema;
    }

    /** Applies the records in order, in one transaction; the outcomes are the records', in the same order. */
    public List<ProjectionOutcome> apply(List<IncomingRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        return transaction.execute(status -> {
            DebateProgress progress = DebateProgress.lock(jdbc, schema, records.stream().map(IncomingRecord::debateId).toList());
            ReadModelRows rows = new ReadModelRows(schema);
            List<ProjectionOutcome> outcomes = new ArrayList<>(records.size());
            for (IncomingRecord record : records) {
                outcomes.add(project(record, progress, rows));
            }
            rows.flush(jdbc);
            progress.flush(jdbc, schema);
            return outcomes;
        });
    }

    /**
     * Decodes and applies records as they came from the topic or the event store, passing over those that cannot
     * be read at all (the live listener dead-letters them; here they have no place in any debate).
     */
    public List<ProjectionOutcome> applyJson(List<String> records) {
        List<IncomingRecord> readable = new ArrayList<>(records.size());
        for (String json : records) {
            try {
                readable.add(decoder.decode(json));
            } catch (UnreadableEventException e) {
                log.debug("Passing over an unreadable record ({}): {}", e.reason(), e.getMessage());
            }
        }
        return apply(readable);
    }

    private ProjectionOutcome project(IncomingRecord record, DebateProgress progress, ReadModelRows rows) {
        String debateId = record.debateId();
        long last = progress.lastSequence(debateId);
        if (record.sequence() <= last) {
            return new ProjectionOutcome(debateId, ProjectionOutcome.Kind.ALREADY_APPLIED, last, 0, List.of(), List.of());
        }
        if (record.sequence() > last + 1) {
            park(record);
            progress.parked(debateId);
            return new ProjectionOutcome(debateId, ProjectionOutcome.Kind.PARKED, last, last + 1, List.of(), List.of());
        }
        List<String> applied = new ArrayList<>();
        List<IncomingRecord.UnreadableEvent> skipped = new ArrayList<>();
        applyOne(record, rows, applied, skipped);
        last = record.sequence();
        if (progress.mayHaveParked(debateId)) {
            String next;
            while ((next = takeParked(debateId, last + 1)) != null) {
                applyOne(decodeParked(next), rows, applied, skipped);
                last++;
            }
            jdbc.update("DELETE FROM " + schema + ".pending_event WHERE debate_id = ? AND sequence <= ?", debateId, last);
        }
        progress.advanceTo(debateId, last);
        return new ProjectionOutcome(debateId, ProjectionOutcome.Kind.ADVANCED, last, 0, applied, skipped);
    }

    private void applyOne(IncomingRecord record, ReadModelRows rows, List<String> applied,
                          List<IncomingRecord.UnreadableEvent> skipped) {
        if (record instanceof IncomingRecord.KnownEvent known) {
            rows.add(known.envelope());
            applied.add(known.type());
        } else if (record instanceof IncomingRecord.UnreadableEvent unreadable) {
            // Recorded so an upgraded reader (or an operator) can find it; its sequence counts as applied.
            jdbc.update("INSERT INTO " + schema + ".skipped_event (debate_id, sequence, event_id, type, version, reason, detail)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (debate_id, sequence) DO NOTHING",
                    unreadable.debateId(), unreadable.sequence(), unreadable.header().eventId(), unreadable.type(),
                    unreadable.header().version(), unreadable.reason().name(), unreadable.detail());
            skipped.add(unreadable);
        }
    }

    /** Parks the record; parking the same sequence twice keeps the first copy. */
    private void park(IncomingRecord record) {
        jdbc.update("INSERT INTO " + schema + ".pending_event (debate_id, sequence, event_id, type, version, record)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (debate_id, sequence) DO NOTHING",
                record.debateId(), record.sequence(), record.header().eventId(), record.type(), record.header().version(),
                record.json());
    }

    private String takeParked(String debateId, long sequence) {
        List<String> taken = jdbc.queryForList("DELETE FROM " + schema + ".pending_event WHERE debate_id = ? AND sequence = ?"
                + " RETURNING record", String.class, debateId, sequence);
        return taken.isEmpty() ? null : taken.get(0);
    }

    private IncomingRecord decodeParked(String json) {
        try {
            return decoder.decode(json);
        } catch (UnreadableEventException e) {
            // Parked records decoded once already; this only happens if the codec changed underneath them.
            throw new IllegalStateException("a parked record can no longer be decoded: " + e.getMessage(), e);
        }
    }
}
