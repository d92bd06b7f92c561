package dev.ledger.query.participant;

import dev.ledger.query.access.DebateAccess;
import dev.ledger.web.security.Reader;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Types;
import java.util.List;

/**
 * The debates a participant joined that a reader may read ({@link DebateAccess#READABLE_DEBATE}), in the order they
 * were opened, a page at a time: what every query about a participant across debates lists.
 */
@Repository
@SnapshotRead
public class JoinedDebates {

    /** A debate the participant joined, with the name they joined as and the debate's last applied sequence. */
    public record Joined(String debateId, String title, String displayName, long sequence) {
    }

    private final JdbcClient jdbc;

    JoinedDebates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The page after the first {@code page.after()} debates; 404 naming participantId when the first page is empty. */
    public PageRequest.Page<Joined> page(String participantId, Reader reader, PageRequest page) {
        List<Joined> fetched = jdbc.sql("""
                        SELECT d.debate_id, d.title, p.display_name, g.last_sequence
                        FROM participant p
                        JOIN debate d ON d.debate_id = p.debate_id
                        JOIN debate_progress g ON g.debate_id = p.debate_id
                        WHERE p.participant_id = :participantId AND %s
                        ORDER BY d.opened_at, d.debate_id
                        OFFSET :after LIMIT :fetch""".formatted(DebateAccess.READABLE_DEBATE))
                .param("participantId", participantId)
                .param("handle", reader.handle(), Types.VARCHAR)
                .param("admin", reader.admin())
                .param("after", page.after())
                .param("fetch", page.fetch())
                .query((rs, row) -> new Joined(rs.getString("debate_id"), rs.getString("title"),
                        rs.getString("display_name"), rs.getLong("last_sequence")))
                .list();
        if (fetched.isEmpty() && page.after() == 0) {
            throw new NotFoundException("participantId", "never joined any debate known to the read model that the caller may read");
        }
        return page.pageByPlace(fetched);
    }
}
