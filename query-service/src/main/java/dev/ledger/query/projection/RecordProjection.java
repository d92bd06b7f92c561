package dev.ledger.query.projection;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Projects one record from outside the Kafka listener (e.g. an event fetched from the event store to close a
 * gap) exactly as the listener does: own transaction, the debate's progress lock, idempotent by sequence.
 */
@Component
public class RecordProjection {

    private final RecordDecoder decoder;
    private final Projector projector;
    private final ProjectionMetrics metrics;
    private final ProjectionSignal signal;
    private final TransactionTemplate transaction;

    RecordProjection(RecordDecoder decoder, Projector projector, ProjectionMetrics metrics, ProjectionSignal signal,
                     TransactionTemplate transaction) {
        this.decoder = decoder;
        this.projector = projector;
        this.metrics = metrics;
        this.signal = signal;
        this.transaction = transaction;
    }

    public ProjectionOutcome project(String json) {
        IncomingRecord incoming = decoder.decode(json);
        ProjectionOutcome outcome = transaction.execute(status -> projector.projectLocked(incoming));
        if (outcome.kind() == ProjectionOutcome.Kind.ADVANCED) {
            outcome.applied().forEach(metrics::applied);
            outcome.skipped().forEach(skipped -> metrics.skipped(skipped.reason()));
            // Not published as a committed sequence (only the live listener does that, see ProjectionSignal):
            // the debate's waiters look at the database.
            signal.changed(outcome.debateId());
        }
        return outcome;
    }
}
