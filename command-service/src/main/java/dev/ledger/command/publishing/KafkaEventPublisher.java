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
 * token) every send must have been acknowledged by Kafka (acks=all). When Kafka does not acknowledge them, the
 * batch is sent again, whole and in order, every {@code retry-interval} until it is, for at most
 * {@code retry-for}; only then does the unit of work fail and Axon's processor retry it after its own back-off
 * (1 s doubling up to 60 s, which is why the retry happens here: publishing resumes within a retry interval of
 * Kafka coming back). Events may appear on the topic twice (the query side is idempotent), never not at all.
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String BATCH = KafkaEventPublisher.class.getName() + ".batch";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final PublishingStatus status;
    private final String topic;
    private final Duration ackTimeout;
    private final Duration retryInterval;
    private final Duration retryFor;
    private final Timer publishLag;
    private final Counter published;
    private final Counter failedBatches;

    public KafkaEventPublisher(
            KafkaTemplate<String, String> kafka,
            PublishingStatus status,
            MeterRegistry meters,
            @Value("${ledger.topic:ledger.events}") String topic,
            @Value("${ledger.publishing.ack-timeout:PT60S}") Duration ackTimeout,
            @Value("${ledger.publishing.retry-interval:1s}") Duration retryInterval,
            @Value("${ledger.publishing.retry-for:5m}") Duration retryFor) {
        this.kafka = kafka;
        this.status = status;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.retryInterval = retryInterval;
        this.retryFor = retryFor;
        this.publishLag = Timer.builder("ledger.publish.lag")
                .description("Time from an event being stored to Kafka acknowledging it")
                .register(meters);
        this.published = Counter.builder("ledger.events.published")
                .description("Events acknowledged by Kafka (including re-sends after a retried batch)")
                .register(meters);
        this.failedBatches = Counter.builder("ledger.publish.failed.batches")
                .description("Attempts to publish a batch that Kafka did not acknowledge (each is sent again)")
                .register(meters);
    }

    @EventHandler
    public void on(DebateEvent event, @MessageIdentifier String eventId, @SequenceNumber long sequenceNumber,
                   @Timestamp Instant storedAt) {
        currentBatch().add(new Outgoing(event.debateId(), PublishedEnvelopes.toJson(eventId, sequenceNumber, storedAt, event), storedAt));
    }

    /** The current unit of work's batch; the first call per batch registers the wait before commit. */
    private Batch currentBatch() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(BATCH, key -> {
            Batch batch = new Batch();
            unitOfWork.onPrepareCommit(committing -> batch.awaitAcknowledged());
            return batch;
        });
    }

    private record Outgoing(String debateId, String json, Instant storedAt) {
    }

    /** One unit of work's events, in the order the store gave them, and the sends of the current attempt. */
    private final class Batch {

        private final List<Outgoing> events = new ArrayList<>();
        private final List<CompletableFuture<?>> sends = new ArrayList<>();
        private Throwable failure;

        void add(Outgoing event) {
            events.add(event);
            send(event);
        }

        /**
         * Once one send of an attempt has failed the attempt is lost anyway; sending the rest would only make each
         * of them wait for the broker (up to max.block.ms apiece) before the next attempt can start.
         */
        private void send(Outgoing event) {
            if (failure == null) {
                sends.stream().filter(CompletableFuture::isCompletedExceptionally).findFirst()
                        .ifPresent(failed -> failure = failed.handle((ok, error) -> error).join());
            }
            if (failure != null) {
                return;
            }
            try {
                sends.add(kafka.send(topic, event.debateId(), event.json()).thenRun(() -> {
                    publishLag.record(Duration.between(event.storedAt(), Instant.now()));
                    published.increment();
                }));
            } catch (RuntimeException e) {
                // e.g. no broker metadata within max.block.ms: KafkaTemplate throws instead of failing the future
                failure = e;
            }
        }

        void awaitAcknowledged() {
            long giveUpAt = System.nanoTime() + retryFor.toNanos();
            Instant firstFailure = null;
            while (true) {
                Throwable attemptFailed = awaitThisAttempt();
                if (attemptFailed == null) {
                    status.published(Instant.now());
                    if (firstFailure != null) {
                        log.info("Kafka acknowledged the batch ({} events) again after {} s of retries",
                                events.size(), Duration.between(firstFailure, Instant.now()).toSeconds());
                    }
                    return;
                }
                String reason = describe(attemptFailed);
                status.failed(reason);
                failedBatches.increment();
                if (firstFailure == null) {
                    firstFailure = Instant.now();
                    log.warn("Kafka did not acknowledge a batch of {} events for {}; sending it again every {} for up to {}: {}",
                            events.size(), topic, retryInterval, retryFor, reason);
                }
                if (System.nanoTime() > giveUpAt) {
                    log.warn("Kafka has not acknowledged the batch for {}; leaving it to the processor's own retry", retryFor);
                    throw new PublishingFailedException("Kafka did not acknowledge a batch of " + events.size()
                            + " events within " + retryFor + ": " + reason, attemptFailed);
                }
                sleepBeforeNextAttempt();
                sends.clear();
                failure = null;
                events.forEach(this::send);
            }
        }

        /** Null when every send of this attempt was acknowledged, else why not. */
        private Throwable awaitThisAttempt() {
            if (failure != null) {
                return failure;
            }
            try {
                CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return null;
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                return e;
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        private void sleepBeforeNextAttempt() {
            try {
                Thread.sleep(retryInterval.toMillis());
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }

        /** The processor is shutting down: fail the unit of work so the token stays where it was. */
        private PublishingFailedException interrupted(InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PublishingFailedException("interrupted while waiting for Kafka", e);
        }
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
