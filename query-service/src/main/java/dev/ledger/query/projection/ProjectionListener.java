package dev.ledger.query.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
public class ProjectionListener {

    /** The id of the live listener container (a rebuild pauses it to swap). */
    public static final String LISTENER_ID = "ledger-projection";

    private static final Logger log = LoggerFactory.getLogger(ProjectionListener.class);

    private final RecordDecoder decoder = new RecordDecoder();
    private final LiveProjection projection;
    private final ProjectionMetrics metrics;

    ProjectionListener(LiveProjection projection, ProjectionMetrics metrics) {
        this.projection = projection;
        this.metrics = metrics;
    }

    @KafkaListener(id = LISTENER_ID, topics = "${ledger.topic}", groupId = "${ledger.query.group}", batch = "true")
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
        try {
            long start = System.nanoTime();
            projection.apply(readable);
            metrics.applyTime().record(Duration.ofNanos(System.nanoTime() - start));
            metrics.committed(records.subList(0, readable.size()));
        } catch (RuntimeException e) {
            // Nothing of the batch was committed, or it was and only its report failed: either way a redelivery
            // from its first record is safe (idempotent by sequence), with back-off.
            ConsumerRecord<String, String> first = records.get(0);
            log.warn("Could not project {} records from offset {} of {}-{}; they will be retried: {}", readable.size(),
                    first.offset(), first.topic(), first.partition(), rootCause(e));
            log.debug("Projection failure", e);
            throw new BatchListenerFailedException("could not project the batch", e, 0);
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
