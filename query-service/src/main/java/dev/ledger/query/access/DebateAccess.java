package dev.ledger.query.access;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.Types;

/**
 * Who may read a debate, from the projected membership: anyone a public one; a private one its participants,
 * the handles invited to it, and admins. A debate the read model does not know is readable by nobody, so an
 * answer never tells an unknown debate from one the caller may not see (both are 404).
 */
@Component
public class DebateAccess {

    private final JdbcClient jdbc;

    public DebateAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param handleOrNull the caller's handle; null when anonymous (or the service itself, which reads as admin)
     * @param admin        whether the caller is an admin
     */
    public boolean mayRead(String debateId, String handleOrNull, boolean admin) {
        return jdbc.sql("""
                        SELECT d.visibility = 'public' OR :admin
                            OR EXISTS (SELECT 1 FROM participant p WHERE p.debate_id = d.debate_id AND p.participant_id = :handle)
                            OR EXISTS (SELECT 1 FROM invitation i WHERE i.debate_id = d.debate_id AND i.handle = :handle)
                        FROM debate d WHERE d.debate_id = :debateId""")
                .param("debateId", debateId)
                .param("handle", handleOrNull, Types.VARCHAR)
                .param("admin", admin)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }
}
