package dev.ledger.query.projection;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/**
 * What waits in the live read model: records that arrived ahead of a missing sequence (in {@code pending_event}
 * until the gap closes), and the events that were skipped. Written only by {@link ProjectionPipeline}.
 */
@Repository
public class ParkedEvents {

    private final JdbcClient jdbc;

    ParkedEvents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Events this reader could not understand, recorded in skipped_event (see {@link ProjectionPipeline}). */
    public long skippedEvents() {
        return jdbc.sql("SELECT count(*) FROM skipped_event").query(Long.class).single();
    }

    public long debatesWaiting() {
        return jdbc.sql("SELECT count(DISTINCT debate_id) FROM pending_event").query(Long.class).single();
    }

    /** The debates that wait for a missing sequence (at most {@code limit} of them), oldest wait first. */
    public List<WaitingDebate> waitingDebates(int limit) {
        return jdbc.sql("""
                        SELECT p.debate_id, g.last_sequence, count(*) AS parked, min(p.received_at) AS waiting_since
                        FROM pending_event p JOIN debate_progress g ON g.debate_id = p.debate_id
                        GROUP BY p.debate_id, g.last_sequence
                        ORDER BY waiting_since, p.debate_id
                        LIMIT :limit""")
                .param("limit", limit)
                .query((rs, row) -> new WaitingDebate(rs.getString("debate_id"), rs.getLong("last_sequence"),
                        rs.getLong("last_sequence") + 1, rs.getLong("parked")))
                .list();
    }

    /** The debates that have waited at least {@code seconds} for a missing sequence (at most {@code limit}). */
    public List<String> waitingLongerThan(double seconds, int limit) {
        return jdbc.sql("""
                        SELECT debate_id FROM pending_event GROUP BY debate_id
                        HAVING min(received_at) <= now() - make_interval(secs => :seconds)
                        ORDER BY min(received_at), debate_id
                        LIMIT :limit""")
                .param("seconds", seconds)
                .param("limit", limit)
                .query(String.class)
                .list();
    }

    /** The debate's gap: its last applied sequence and the highest parked one; empty when nothing is parked. */
    public Optional<Gap> gapOf(String debateId) {
        return jdbc.sql("""
                        SELECT g.last_sequence, max(p.sequence) AS highest
                        FROM pending_event p JOIN debate_progress g ON g.debate_id = p.debate_id
                        WHERE p.debate_id = :debateId
                        GROUP BY g.last_sequence""")
                .param("debateId", debateId)
                .query((rs, row) -> new Gap(debateId, rs.getLong(1), rs.getLong(2)))
                .optional();
    }

    public record Gap(String debateId, long lastAppliedSequence, long highestParkedSequence) {
    }

    public record WaitingDebate(String debateId, long lastAppliedSequence, long missingSequence, long parkedEvents) {
    }
}
