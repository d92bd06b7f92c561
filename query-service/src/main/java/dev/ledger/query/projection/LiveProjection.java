package dev.ledger.query.projection;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pipeline of the live read model ({@code public}), for everything that writes it: the topic's listener and
 * gap repair. After a batch committed it counts what was applied or skipped, logs what waits, and tells the
 * read-your-writes waiters ({@link ProjectionSignal}) how far each debate got.
 */
@Component
public class LiveProjection {

    public static final String SCHEMA = "public";
    /**
     * The PostgreSQL NOTIFY channel on which each committed batch of the live read model says how far each debate it
     * changed got ({@code debateId:sequence}); the web view's live pages listen on it.
     */
    public static final String CHANGED_CHANNEL = "ledger_debate_changed";
    private static final Logger log = LoggerFactory.getLogger(LiveProjection.class);

    private final ProjectionPipeline pipeline;
    private final ProjectionMetrics metrics;
    private final ProjectionSignal signal;

    LiveProjection(JdbcTemplate jdbc, TransactionTemplate transaction, ProjectionMetrics metrics, ProjectionSignal signal) {
        this.pipeline = new ProjectionPipeline(jdbc, transaction, SCHEMA);
        this.metrics = metrics;
        this.signal = signal;
    }

    /** Applies the records in one transaction, then reports them; the outcomes are the records', in order. */
    public List<ProjectionOutcome> apply(List<IncomingRecord> records) {
        List<ProjectionOutcome> outcomes = pipeline.apply(records);
        report(records, outcomes);
        return outcomes;
    }

    private void report(List<IncomingRecord> records, List<ProjectionOutcome> outcomes) {
        for (int i = 0; i < outcomes.size(); i++) {
            report(outcomes.get(i), records.get(i));
        }
        signal.committed(advanced(outcomes));
    }

    private void report(ProjectionOutcome outcome, IncomingRecord record) {
        switch (outcome.kind()) {
            case ADVANCED -> {
                outcome.applied().forEach(metrics::applied);
                for (IncomingRecord.UnreadableEvent skipped : outcome.skipped()) {
                    metrics.skipped(skipped.reason());
                    log.warn("Skipped {} v{} (#{} of debate {}, event {}): {}; its sequence counts as applied",
                            skipped.type(), skipped.header().version(), skipped.sequence(), skipped.debateId(),
                            skipped.header().eventId(), skipped.reason());
                }
            }
            case PARKED -> log.warn("Debate {} waits for missing sequence {}: parked {} #{} until it arrives",
                    outcome.debateId(), outcome.missingSequence(), record.type(), record.sequence());
            case ALREADY_APPLIED -> log.debug("Debate {} already has #{}; ignored a record",
                    outcome.debateId(), outcome.lastSequence());
        }
    }

    private static Map<String, Long> advanced(List<ProjectionOutcome> outcomes) {
        Map<String, Long> advanced = new HashMap<>();
        for (ProjectionOutcome outcome : outcomes) {
            if (outcome.kind() == ProjectionOutcome.Kind.ADVANCED) {
                advanced.merge(outcome.debateId(), outcome.lastSequence(), Math::max);
            }
        }
        return advanced;
    }
}
