package dev.ledger.query.web;

import dev.ledger.query.access.DebateAccess;
import dev.ledger.web.security.Reader;
import dev.ledger.query.api.Rows;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Types;
import java.time.Instant;
import java.util.List;

/**
 * The debates the home page lists, newest activity first (the time of each debate's last applied event): the ones
 * a signed-in reader takes part in, or, for an anonymous reader, the public ones. A page at a time, by place.
 */
@Repository
@SnapshotRead
class DebateListing {

    /** One debate in the list; {@code role} is the reader's there, null when the reader has not joined. */
    public record ListedDebate(String debateId, String title, String visibility, String role, long sequence, Instant lastActivity,
                        int participants) {
    }

    private static final String LISTED = """
            SELECT d.debate_id, d.title, d.visibility, me.role, g.last_sequence,
                   (SELECT t.at FROM timeline_entry t WHERE t.debate_id = d.debate_id AND t.sequence = g.last_sequence) AS last_activity,
                   (SELECT count(*) FROM participant p WHERE p.debate_id = d.debate_id) AS participants
            FROM debate d
            JOIN debate_progress g ON g.debate_id = d.debate_id
            LEFT JOIN participant me ON me.debate_id = d.debate_id AND me.participant_id = :handle
            WHERE %s
            ORDER BY last_activity DESC NULLS LAST, d.debate_id
            OFFSET :after LIMIT :fetch""";

    private final JdbcClient jdbc;

    DebateListing(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The debates the reader joined or was invited to; for an anonymous reader, the public debates. */
    PageRequest.Page<ListedDebate> forReader(Reader reader, PageRequest page) {
        String which = reader.handle() == null
                ? "d.visibility = 'public'"
                : """
                (me.participant_id IS NOT NULL
                    OR EXISTS (SELECT 1 FROM invitation i WHERE i.debate_id = d.debate_id AND i.handle = :handle))""";
        return page.pageByPlace(list(which, reader, page));
    }

    /** Public debates the reader may read but has not joined (a signed-in reader's "other debates"). */
    PageRequest.Page<ListedDebate> publicNotJoined(Reader reader, PageRequest page) {
        return page.pageByPlace(list("d.visibility = 'public' AND me.participant_id IS NULL AND " + DebateAccess.READABLE_DEBATE,
                reader, page));
    }

    private List<ListedDebate> list(String condition, Reader reader, PageRequest page) {
        return jdbc.sql(LISTED.formatted(condition))
                .param("handle", reader.handle(), Types.VARCHAR)
                .param("admin", reader.admin())
                .param("after", page.after())
                .param("fetch", page.fetch())
                .query((rs, row) -> new ListedDebate(rs.getString("debate_id"), rs.getString("title"),
                        rs.getString("visibility"), rs.getString("role"), rs.getLong("last_sequence"),
                        Rows.instant(rs, "last_activity"), rs.getInt("participants")))
                .list();
    }
}
