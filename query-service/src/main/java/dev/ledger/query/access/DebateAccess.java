package dev.ledger.query.access;

import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.security.Reader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Types;

/**
 * Who may read a debate, from the projected membership: anyone a public one; a private one its participants,
 * the handles invited to it, and admins. A debate the read model does not know is readable by nobody, so an
 * answer never tells an unknown debate from one the caller may not see (both are 404).
 */
@Component
@SnapshotRead // for its statement timeout: a blocked read is a 503, not a hung request
public class DebateAccess {

    /**
     * The rule as an SQL condition on a debate row aliased {@code d}, with the parameters {@code :handle} (the
     * reader's handle, null when anonymous) and {@code :admin}: for queries that list debates and must leave out
     * those the reader may not see (in the SQL, so paging stays right).
     */
    public static final String READABLE_DEBATE = """
            (d.visibility = 'public' OR :admin
                OR EXISTS (SELECT 1 FROM participant joined WHERE joined.debate_id = d.debate_id AND joined.participant_id = :handle)
                OR EXISTS (SELECT 1 FROM invitation invited WHERE invited.debate_id = d.debate_id AND invited.handle = :handle))""";

    private final JdbcClient jdbc;

    public DebateAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public boolean mayRead(String debateId, Reader reader) {
        return mayRead(debateId, reader.handle(), reader.admin());
    }

    /**
     * @param handleOrNull the caller's handle; null when anonymous (or the service itself, which reads as admin)
     * @param admin        whether the caller is an admin
     */
    public boolean mayRead(String debateId, String handleOrNull, boolean admin) {
        return jdbc.sql("SELECT " + READABLE_DEBATE + " FROM debate d WHERE d.debate_id = :debateId")
                .param("debateId", debateId)
                .param("handle", handleOrNull, Types.VARCHAR)
                .param("admin", admin)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }
}
