package dev.ledger.command.publishing;

import dev.ledger.events.DebateEvent;
import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;
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
    private final EventCodec codec = new EventCodec();
    private final String topic;
    private final Duration ackTimeout;
    private final Timer publishLag;
    private final Counter published;

    public KafkaEventPublisher(
            KafkaTemplate<String, String> kafka,
            MeterRegistry meters,
            @Value("${ledger.topic:ledger.events}") String topic,
            @Value("${ledger.publishing.ack-timeout:PT60S}") Duration ackTimeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.publishLag = Timer.builder("ledger.publish.lag")
                .description("Time from an event being stored to Kafka acknowledging it")
                .register(meters);
        this.published = Counter.builder("ledger.events.published")
                .description("Events acknowledged by Kafka (including re-sends after a retried batch)")
                .register(meters);
    }

    @EventHandler
    public void on(DebateEvent event, @MessageIdentifier String eventId, @SequenceNumber long sequenceNumber,
                   @Timestamp Instant storedAt) {
        String json = codec.toJson(EventEnvelope.of(eventId, sequenceNumber + 1, storedAt, event));
        CompletableFuture<?> sent = kafka.send(topic, event.debateId(), json).thenRun(() -> {
            publishLag.record(Duration.between(storedAt, Instant.now()));
            published.increment();
        });
        pendingSendsOfThisBatch().add(sent);
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
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            log.warn("Publishing a batch of {} events to {} failed; the batch will be retried: {}",
                    sends.size(), topic, cause);
            throw new PublishingFailedException("Kafka did not acknowledge a batch of " + sends.size() + " events", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishingFailedException("interrupted while waiting for Kafka", e);
        }
    }

    /** A batch Kafka did not acknowledge; fails the unit of work so the token does not advance. */
    public static final class PublishingFailedException extends RuntimeException {
        PublishingFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
