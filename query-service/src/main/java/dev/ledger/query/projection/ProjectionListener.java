package dev.ledger.query.projection;

import dev.ledger.events.UnreadableEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the event topic. Each record is projected in its own database transaction, which has committed
 * when this method returns; the container commits the record's offset only after that (ack-mode RECORD), so
 * delivery is at least once and a redelivery changes nothing. Exceptions go to the DefaultErrorHandler
 * (see {@link DeadLetterConfiguration}).
 */
@Component
class ProjectionListener {

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final RecordDecoder decoder;
    private final Projector projector;
    private final ProjectionMetrics metrics;
    private final ProjectionSignal signal;
    private final ApplicationEventPublisher events;

    ProjectionListener(RecordDecoder decoder, Projector projector, ProjectionMetrics metrics, ProjectionSignal signal,
                       ApplicationEventPublisher events) {
        this.events = events;
        this.decoder = decoder;
        this.projector = projector;
        this.metrics = metrics;
        this.signal = signal;
    }

    @KafkaListener(id = "ledger-projection", topics = "${ledger.topic}", groupId = "${ledger.query.group}")
    void onRecord(ConsumerRecord<String, String> record) {
        IncomingRecord incoming = decoder.decode(record.value());
        ProjectionOutcome outcome;
        try {
            outcome = metrics.applyTime().recordCallable(() -> projector.project(incoming));
        } catch (UnreadableEventException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Could not project {} #{} of debate {} (offset {} of {}-{}); it will be retried",
                    incoming.type(), incoming.sequence(), incoming.debateId(), record.offset(), record.topic(),
                    record.partition(), e);
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        report(outcome, incoming);
    }

    private void report(ProjectionOutcome outcome, IncomingRecord incoming) {
        switch (outcome.kind()) {
            case ADVANCED -> {
                outcome.applied().forEach(metrics::applied);
                for (IncomingRecord.UnreadableEvent skipped : outcome.skipped()) {
                    metrics.skipped(skipped.reason());
                    log.warn("Skipped {} v{} (#{} of debate {}, event {}): {}; its sequence counts as applied",
                            skipped.type(), skipped.version(), skipped.sequence(), skipped.debateId(),
                            skipped.eventId(), skipped.reason());
                }
                signal.committed();
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
}
