package dev.ledger.command.history;

import dev.ledger.command.storage.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/** Reads domain_event_entry rows as stored (no deserialization, no upcasting): what the trees are computed from. */
@Component
class StoredEvents {

    private static final String COLUMNS = "event_identifier, payload_type, payload_revision, aggregate_identifier,"
            + " sequence_number, time_stamp, payload";

    private final JdbcTemplate jdbc;

    StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events of the debate from the 1-based {@code fromSequence} on, in sequence order. */
    List<StoredEvent> read(String debateId, long fromSequence, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number >= ?"
                        + " ORDER BY sequence_number LIMIT ?",
                (row, i) -> new StoredEvent(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getLong(5), row.getString(6), row.getBytes(7)),
                debateId, fromSequence - 1, limit);
    }

    /** The number of events stored for the debate (0 when it is unknown). */
    long count(String debateId) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, debateId);
        return count == null ? 0 : count;
    }
}
