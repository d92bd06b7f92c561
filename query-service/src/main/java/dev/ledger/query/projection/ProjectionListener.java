package dev.ledger.query.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consumes the event topic a poll at a time (at most {@code max.poll.records}). The poll's records are projected
 * in ONE database transaction, which has committed when this method returns; the container commits the
 * offsets only after that (ack-mode BATCH), so delivery is at least once and a redelivery changes nothing.
 * <p>
 * A record that cannot be read ends the batch: the records before it are projected and committed, then a
 * {@link BatchListenerFailedException} naming it lets the DefaultErrorHandler (see
 * {@link DeadLetterConfiguration}) commit their offsets, retry and dead-letter that record, and deliver the
 * rest again. Any other failure (the database is down) names the first record: nothing of the batch was
 * committed, and the whole batch is retried with back-off.
 */
@Component
class ProjectionListener {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final RecordDecoder decoder;
    private final LiveBatchProjector projector;
    private final ProjectionMetrics metrics;
    private final ProjectionSignal signal;
    private final ApplicationEventPublisher events;

    ProjectionListener(RecordDecoder decoder, LiveBatchProjector projector, ProjectionMetrics metrics,
                       ProjectionSignal signal, ApplicationEventPublisher events) {
        this.decoder = decoder;
        this.projector = projector;
        this.metrics = metrics;
        this.signal = signal;
        this.events = events;
    }

    @KafkaListener(id = "ledger-projection", topics = "${ledger.topic}", groupId = "${ledger.query.group}", batch = "true")
    void onRecords(List<ConsumerRecord<String, String>> records) {
        List<IncomingRecord> readable = new ArrayList<>(records.size());
        RuntimeException failed = null;
        for (ConsumerRecord<String, String> record : records) {
            try {
                readable.add(decoder.decode(record.value()));
            } catch (RuntimeException e) {
                // UnreadableEventException: dead-lettered after a few tries; anything else: retried until it works.
                failed = e;
                break;
            }
        }
        if (!readable.isEmpty()) {
            project(records, readable);
        }
        if (failed != null) {
            throw new BatchListenerFailedException(String.valueOf(failed.getMessage()), failed, readable.size());
        }
    }

    private void project(List<ConsumerRecord<String, String>> records, List<IncomingRecord> readable) {
        List<ProjectionOutcome> outcomes;
        try {
            long start = System.nanoTime();
            outcomes = projector.project(readable);
            metrics.applyTime().record(Duration.ofNanos(System.nanoTime() - start));
            metrics.committed(records.subList(0, readable.size()));
        } catch (RuntimeException e) {
            // Nothing of the batch was committed: it is retried from its first record, with back-off.
            ConsumerRecord<String, String> first = records.get(0);
            log.warn("Could not project {} records from offset {} of {}-{}; they will be retried: {}", readable.size(),
                    first.offset(), first.topic(), first.partition(), rootCause(e));
            log.debug("Projection failure", e);
            throw new BatchListenerFailedException("could not project the batch", e, 0);
        }
        try {
            report(readable, outcomes);
        } catch (RuntimeException e) {
            // Committed already; a redelivery of the batch changes nothing and reports again.
            log.warn("Could not report the projected batch from offset {}; it will be delivered again: {}",
                    records.get(0).offset(), rootCause(e));
            throw new BatchListenerFailedException("could not report the batch", e, 0);
        }
    }

    private void report(List<IncomingRecord> readable, List<ProjectionOutcome> outcomes) {
        Map<String, Long> advanced = new HashMap<>();
        for (int i = 0; i < outcomes.size(); i++) {
            ProjectionOutcome outcome = outcomes.get(i);
            IncomingRecord incoming = readable.get(i);
            switch (outcome.kind()) {
                case ADVANCED -> {
                    outcome.applied().forEach(metrics::applied);
                    for (IncomingRecord.UnreadableEvent skipped : outcome.skipped()) {
                        metrics.skipped(skipped.reason());
                        log.warn("Skipped {} v{} (#{} of debate {}, event {}): {}; its sequence counts as applied",
                                skipped.type(), skipped.version(), skipped.sequence(), skipped.debateId(),
                                skipped.eventId(), skipped.reason());
                    }
                    advanced.merge(outcome.debateId(), outcome.lastSequence(), Math::max);
                }
                case PARKED -> {
                    log.warn("Debate {} waits for missing sequence {}: parked {} #{} until it arrives",
                            outcome.debateId(), outcome.missingSequence(), incoming.type(), incoming.sequence());
                    events.publishEvent(new DebateParked(outcome.debateId(), outcome.missingSequence()));
                }
                case ALREADY_APPLIED -> log.debug("Debate {} already has #{} (at #{}); ignored {}",
                        outcome.debateId(), incoming.sequence(), outcome.lastSequence(), incoming.eventId());
            }
        }
        if (!advanced.isEmpty()) {
            signal.committed(advanced);
        }
    }

    /** The innermost cause, on one line (a driver's message may span several). */
    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString().replaceAll("\\s+", " ");
    }
}
