package dev.ledger.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Events this reader cannot understand, recorded so an upgraded reader (or an operator) can find them. */
@Repository
public class SkippedEvents {

    private final JdbcClient jdbc;

    SkippedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(IncomingRecord.UnreadableEvent event) {
        jdbc.sql("""
                        INSERT INTO skipped_event (debate_id, sequence, event_id, type, version, reason, detail)
                        VALUES (:debateId, :sequence, :eventId, :type, :version, :reason, :detail)
                        ON CONFLICT (debate_id, sequence) DO NOTHING""")
                .param("debateId", event.debateId())
                .param("sequence", event.sequence())
                .param("eventId", event.eventId())
                .param("type", event.type())
                .param("version", event.version())
                .param("reason", event.reason().name())
                .param("detail", event.detail())
                .update();
    }

    public long count() {
        return jdbc.sql("SELECT count(*) FROM skipped_event").query(Long.class).single();
    }
}
