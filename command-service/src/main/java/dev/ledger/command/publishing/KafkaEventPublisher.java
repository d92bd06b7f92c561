package dev.ledger.command.publishing;

import dev.ledger.events.DebateEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads every stored event (streaming processor "kafka-publisher") and publishes its envelope to Kafka,
 * keyed by debateId so one debate's events stay in order in one partition.
 * <p>
 * Sends of a batch are asynchronous; before the batch's unit of work commits (and with it the processor's
 * token) every send must have been acknowledged by Kafka (acks=all). A failed or timed-out send fails the
 * commit, so the token stays where it was and the processor retries the whole batch: events may appear on
 * the topic twice (the query side is idempotent), never not at all.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING_SENDS = KafkaEventPublisher.class.getName() + ".pendingSends";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final PublishingStatus status;
    private final String topic;
    private final Duration ackTimeout;
    private final Timer publishLag;
    private final Counter published;
    private final Counter failedBatches;

    public KafkaEventPublisher(
            KafkaTemplate<String, String> kafka,
            PublishingStatus status,
            MeterRegistry meters,
            @Value("${ledger.topic:ledger.events}") String topic,
            @Value("${ledger.publishing.ack-timeout:PT60S}") Duration ackTimeout) {
        this.kafka = kafka;
        this.status = status;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.publishLag = Timer.builder("ledger.publish.lag")
                .description("Time from an event being stored to Kafka acknowledging it")
                .register(meters);
        this.published = Counter.builder("ledger.events.published")
                .description("Events acknowledged by Kafka (including re-sends after a retried batch)")
                .register(meters);
        this.failedBatches = Counter.builder("ledger.publish.failed.batches")
                .description("Batches Kafka did not acknowledge (each is retried from the last committed token)")
                .register(meters);
    }

    @EventHandler
    public void on(DebateEvent event, @MessageIdentifier String eventId, @SequenceNumber long sequenceNumber,
                   @Timestamp Instant storedAt) {
        List<CompletableFuture<?>> pending = pendingSendsOfThisBatch();
        failFastIfAnEarlierSendFailed(pending);
        String json = PublishedEnvelopes.toJson(eventId, sequenceNumber, storedAt, event);
        CompletableFuture<?> sent;
        try {
            sent = kafka.send(topic, event.debateId(), json).thenRun(() -> {
                publishLag.record(Duration.between(storedAt, Instant.now()));
                published.increment();
            });
        } catch (RuntimeException e) {
            // e.g. no broker metadata within max.block.ms: KafkaTemplate throws instead of failing the future
            throw failed(pending.size() + 1, e);
        }
        pending.add(sent);
    }

    /**
     * Once one send of the batch has failed the batch will be retried anyway; sending the rest would only
     * make each of them wait for the broker (up to max.block.ms apiece) before the retry can start.
     */
    private void failFastIfAnEarlierSendFailed(List<CompletableFuture<?>> pending) {
        for (CompletableFuture<?> send : pending) {
            if (send.isCompletedExceptionally()) {
                try {
                    send.join();
                } catch (RuntimeException e) {
                    throw failed(pending.size(), e.getCause() == null ? e : e.getCause());
                }
            }
        }
    }

    /** The sends of the current batch; the first call per batch registers the wait before commit. */
    private List<CompletableFuture<?>> pendingSendsOfThisBatch() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<CompletableFuture<?>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private void awaitAcknowledgements(List<CompletableFuture<?>> sends) {
        try {
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            status.published(Instant.now());
        } catch (ExecutionException | TimeoutException e) {
            throw failed(sends.size(), e instanceof ExecutionException ? e.getCause() : e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishingFailedException("interrupted while waiting for Kafka", e);
        }
    }

    /** Records and logs (one line) a failed batch; the exception fails the unit of work so the token stays. */
    private PublishingFailedException failed(int events, Throwable cause) {
        String reason = describe(cause);
        status.failed(reason);
        failedBatches.increment();
        log.warn("Publishing a batch ({} events so far) to {} failed; the batch will be retried: {}", events, topic, reason);
        return new PublishingFailedException("Kafka did not acknowledge a batch of " + events + " events: " + reason, cause);
    }

    /** The exception and, when it wraps another (KafkaException "Send failed"), its root cause. */
    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure ? failure.toString() : failure + " (" + root + ")";
    }

    /** A batch Kafka did not acknowledge; fails the unit of work so the token does not advance. */
    public static final class PublishingFailedException extends RuntimeException {
        PublishingFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
