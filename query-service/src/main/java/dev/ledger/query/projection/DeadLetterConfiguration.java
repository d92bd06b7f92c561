package dev.ledger.query.projection;

import dev.ledger.events.UnreadableEventException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What happens to a record the listener throws on. The listener consumes batches and names the failed record
 * with a {@link org.springframework.kafka.listener.BatchListenerFailedException}: the error handler commits
 * the offsets of the records before it (already projected), deals with that record as below, and delivers the
 * records after it again.
 * <ul>
 *   <li>A record that can never be read (MALFORMED, INVALID_PAYLOAD): a few quick retries, then it is
 *       published to {@code <topic>.DLT} with the exception headers Spring adds plus
 *       {@value #REASON_HEADER}, counted, logged as one WARN line, and its offset committed.</li>
 *   <li>Anything else (the database is down, ...): retried with back-off for as long as it takes. A good event
 *       must never be dead-lettered because of a transient failure: the debate would wait for it forever.</li>
 * </ul>
 */
@Configuration
class DeadLetterConfiguration {

    static final String REASON_HEADER = "ledger-unreadable-reason";

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfiguration.class);

    @Bean
    NewTopic deadLetterTopic(@Value("${ledger.topic}") String topic) {
        return TopicBuilder.name(topic + ".DLT").partitions(1).build();
    }

    @Bean
    DefaultErrorHandler projectionErrorHandler(KafkaTemplate<?, ?> kafkaTemplate, ProjectionMetrics metrics,
                                               @Value("${ledger.query.dead-letter.attempts:3}") int attempts,
                                               @Value("${ledger.query.dead-letter.retry-interval:200ms}") Duration interval) {
        // Partition -1: let the producer choose by key, so the DLT needs no more partitions than it has.
        DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(kafkaTemplate,
                (record, exception) -> new TopicPartition(record.topic() + ".DLT", -1));
        publisher.addHeadersFunction((record, exception) -> {
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, reasonOf(exception).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
        ConsumerRecordRecoverer recoverer = (record, exception) -> {
            publisher.accept(record, exception);
            String reason = reasonOf(exception);
            metrics.deadLettered(reason);
            log.warn("Dead-lettered offset {} of {}-{} (key {}) to {}.DLT: {}: {}", record.offset(), record.topic(),
                    record.partition(), record.key(), record.topic(), reason, messageOf(exception));
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(interval.toMillis(), Math.max(0, attempts - 1)));
        handler.setBackOffFunction((record, exception) -> unreadable(exception) != null ? null : untilItWorks());
        // The listener logs unexpected failures itself and the recoverer logs rejections: keep the
        // container's per-attempt stack traces out of the log.
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    private static ExponentialBackOff untilItWorks() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff;
    }

    private static UnreadableEventException unreadable(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnreadableEventException unreadable) {
                return unreadable;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static String reasonOf(Throwable exception) {
        UnreadableEventException unreadable = unreadable(exception);
        return unreadable == null ? "UNEXPECTED" : unreadable.reason().name();
    }

    private static String messageOf(Throwable exception) {
        UnreadableEventException unreadable = unreadable(exception);
        return unreadable == null ? String.valueOf(exception.getMessage()) : unreadable.getMessage();
    }
}
