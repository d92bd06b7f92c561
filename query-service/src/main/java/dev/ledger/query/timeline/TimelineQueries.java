package dev.ledger.query.timeline;

import dev.ledger.query.api.Rows;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;

/** Reads timeline pages in one REPEATABLE READ snapshot, like the other queries. */
@Repository
@SnapshotRead
public class TimelineQueries {

    public record Filter(String participantId, String claimId, String type) {
    }

    private final JdbcClient jdbc;

    TimelineQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public TimelineView page(String debateId, PageRequest page, Filter filter) {
        long last = jdbc.sql("""
                        SELECT g.last_sequence FROM debate d JOIN debate_progress g ON g.debate_id = d.debate_id
                        WHERE d.debate_id = :debateId""")
                .param("debateId", debateId)
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("debateId", "names no debate known to the read model"));
        List<TimelineView.Entry> rows = jdbc.sql("""
                        SELECT sequence, type, at, participant_id, claim_id, reason_id, summary, details::text AS details
                        FROM timeline_entry
                        WHERE debate_id = :debateId AND sequence > :after AND sequence <= :last
                          AND (CAST(:participantId AS text) IS NULL OR participant_id = :participantId)
                          AND (CAST(:claimId AS text) IS NULL OR claim_id = :claimId)
                          AND (CAST(:type AS text) IS NULL OR type = :type)
                        ORDER BY sequence
                        LIMIT :limit""")
                .param("debateId", debateId)
                .param("after", page.after())
                .param("last", last)
                .param("participantId", filter.participantId())
                .param("claimId", filter.claimId())
                .param("type", filter.type())
                .param("limit", page.fetch())
                .query((rs, row) -> new TimelineView.Entry(rs.getLong("sequence"), rs.getString("type"),
                        Rows.instant(rs, "at"), rs.getString("participant_id"), rs.getString("claim_id"),
                        rs.getString("reason_id"), rs.getString("summary"), rs.getString("details")))
                .list();
        PageRequest.Page<TimelineView.Entry> entries = page.page(rows, TimelineView.Entry::sequence);
        return new TimelineView(debateId, last, entries.items(), entries.nextAfter());
    }

    /**
     * The {@code ?after=} of the page before the one that starts after {@code after} (pages of {@code size} entries,
     * unfiltered): the sequence just before the {@code size} entries up to {@code after}, or 0 when they are the first.
     */
    public long previousAfter(String debateId, long after, int size) {
        List<Long> before = jdbc.sql("""
                        SELECT sequence FROM timeline_entry WHERE debate_id = :debateId AND sequence <= :after
                        ORDER BY sequence DESC LIMIT :limit""")
                .param("debateId", debateId)
                .param("after", after)
                .param("limit", size + 1)
                .query(Long.class)
                .list();
        return before.size() > size ? before.get(size) : 0;
    }
}
