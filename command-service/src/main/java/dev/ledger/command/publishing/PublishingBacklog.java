package dev.ledger.command.publishing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalLong;

/**
 * Events stored but not yet acknowledged by Kafka: the head of global_index minus the position of the
 * publisher's committed token (the token only moves when Kafka acknowledged the batch). Read from the
 * tables rather than from this instance's processor, so it is right on every instance whichever one owns
 * the token; token_entry is only read, never claimed. Also the gauge {@code ledger.publish.backlog}.
 */
@Component
public class PublishingBacklog {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    public PublishingBacklog(JdbcTemplate jdbc, @Qualifier("serializer") Serializer serializer, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        Gauge.builder("ledger.publish.backlog", this, PublishingBacklog::backlogOrNaN)
                .description("Events stored but not yet acknowledged by Kafka")
                .register(meters);
    }

    /**
     * @param backlog      events after the publisher's position
     * @param oldestWaiting when the first of them was stored; null when the backlog is 0
     */
    public record Measurement(long backlog, Instant oldestWaiting) {
    }

    public Measurement measure() {
        long position = publisherPosition();
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        long backlog = head == null ? 0 : Math.max(0, head - position);
        if (backlog == 0) {
            return new Measurement(0, null);
        }
        List<String> oldest = jdbc.queryForList(
                "SELECT time_stamp FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT 1",
                String.class, position);
        return new Measurement(backlog, oldest.isEmpty() ? null : parse(oldest.get(0)));
    }

    /** The lowest position over the publisher's segments; 0 (before the first event) without a token yet. */
    private long publisherPosition() {
        List<OptionalLong> positions = jdbc.query(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (row, i) -> {
                    byte[] token = row.getBytes(1);
                    String type = row.getString(2);
                    if (token == null || type == null) {
                        return OptionalLong.empty();
                    }
                    TrackingToken tracking = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                    return tracking == null ? OptionalLong.empty() : tracking.position();
                },
                KafkaEventPublisher.PROCESSING_GROUP);
        return positions.stream().mapToLong(position -> position.orElse(0)).min().orElse(0);
    }

    private double backlogOrNaN() {
        try {
            return measure().backlog();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static Instant parse(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
