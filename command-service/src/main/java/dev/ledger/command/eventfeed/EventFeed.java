package dev.ledger.command.eventfeed;

import dev.ledger.command.publishing.PublishedEnvelopes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.util.RawValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the event store for the admin feed. Events come through Axon's storage engine, so they pass the
 * same upcaster chain as aggregate loading and publishing, and become envelopes through the same code as
 * the Kafka publisher ({@link PublishedEnvelopes}): the feed's event JSON is byte for byte the topic's.
 */
@Component
public class EventFeed {

    private final EventStorageEngine storageEngine;
    private final JdbcTemplate jdbc;

    public EventFeed(EventStorageEngine storageEngine, JdbcTemplate jdbc) {
        this.storageEngine = storageEngine;
        this.jdbc = jdbc;
    }

    public record DebateHead(String debateId, long lastSequence) {
    }

    /** Envelopes are embedded as the exact JSON text the publisher sends (raw, not re-serialized). */
    public record DebateEvents(String debateId, long lastSequence, List<RawValue> events) {
    }

    public record DebatesPage(List<DebateHead> debates, String next) {
    }

    /**
     * Debates with id > {@code after} (all when null), ordered by id; {@code next} is null on the last page.
     * A skip scan over the (aggregate, sequence) index: one index descent per debate for its id and one for its
     * last sequence, so a page costs the same however many events its debates hold (the query-service's
     * reconciliation walks every page every 30 s).
     */
    public DebatesPage debates(String after, int limit) {
        List<DebateHead> heads = jdbc.query("""
                        WITH RECURSIVE debate(id, n) AS (
                            (SELECT aggregate_identifier, 1 FROM domain_event_entry
                             WHERE aggregate_identifier > ? ORDER BY aggregate_identifier LIMIT 1)
                            UNION ALL
                            SELECT following.id, debate.n + 1 FROM debate, LATERAL (
                                SELECT aggregate_identifier AS id FROM domain_event_entry
                                WHERE aggregate_identifier > debate.id ORDER BY aggregate_identifier LIMIT 1) following
                            WHERE debate.n < ?)
                        SELECT debate.id, last.sequence_number FROM debate, LATERAL (
                            SELECT sequence_number FROM domain_event_entry
                            WHERE aggregate_identifier = debate.id ORDER BY sequence_number DESC LIMIT 1) last
                        ORDER BY debate.id""",
                (row, i) -> new DebateHead(row.getString(1), row.getLong(2) + 1),
                after == null ? "" : after, limit + 1);
        if (heads.size() <= limit) {
            return new DebatesPage(heads, null);
        }
        List<DebateHead> page = heads.subList(0, limit);
        return new DebatesPage(List.copyOf(page), page.get(limit - 1).debateId());
    }

    /** Up to {@code limit} events of the debate from {@code fromSequence} (1-based) on; empty if the debate is unknown. */
    public Optional<DebateEvents> events(String debateId, long fromSequence, int limit) {
        Optional<Long> last = storageEngine.lastSequenceNumberFor(debateId);
        if (last.isEmpty()) {
            return Optional.empty();
        }
        List<RawValue> events = new ArrayList<>();
        DomainEventStream stream = storageEngine.readEvents(debateId, fromSequence - 1);
        while (events.size() < limit && stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            events.add(new RawValue(PublishedEnvelopes.toJson(message)));
        }
        return Optional.of(new DebateEvents(debateId, last.get() + 1, events));
    }
}
