package dev.ledger.query.api;

import dev.ledger.query.api.Views.BeliefView;
import dev.ledger.query.api.Views.BeliefsView;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.problem.NotFoundException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A participant's beliefs as the live beliefs answer was right after a given debate sequence: rebuilt from
 * the view_change history (never updated) and the claim and participant tables, which remember the sequence
 * that wrote each row.
 */
@Repository
@SnapshotRead
public class PastBeliefs {

    private final JdbcClient jdbc;

    PastBeliefs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The last applied sequence whose event happened at or before {@code asOf}; 404 naming asOf when the debate
     * had not opened by then.
     */
    public long sequenceAsOf(String debateId, Instant asOf) {
        requireDebate(debateId);
        return jdbc.sql("""
                        SELECT max(t.sequence) FROM timeline_entry t
                        JOIN debate_progress g ON g.debate_id = t.debate_id
                        WHERE t.debate_id = :debateId AND t.at <= :asOf AND t.sequence <= g.last_sequence""")
                .param("debateId", debateId)
                .param("asOf", OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                .query(Long.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("asOf", "is before the debate opened; nothing was believed yet"));
    }

    /** The participant's display name if they had joined the debate by this sequence; 404 naming participantId otherwise. */
    public String displayNameAt(String debateId, String participantId, long sequence) {
        return jdbc.sql("""
                        SELECT display_name FROM participant
                        WHERE debate_id = :debateId AND participant_id = :participantId AND sequence <= :sequence""")
                .param("debateId", debateId)
                .param("participantId", participantId)
                .param("sequence", sequence)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("participantId", "had not joined this debate by sequence " + sequence));
    }

    /** The beliefs answer as it was when the debate's projection stood at {@code sequence}. */
    public BeliefsView beliefsAt(String debateId, String participantId, long sequence) {
        requireDebate(debateId);
        return beliefsAtKnownDebate(debateId, participantId, sequence);
    }

    /** The beliefs answer as it was at {@code asOf}: {@link #sequenceAsOf} and {@link #beliefsAt} in one snapshot. */
    public BeliefsView beliefsAsOf(String debateId, String participantId, Instant asOf) {
        return beliefsAtKnownDebate(debateId, participantId, sequenceAsOf(debateId, asOf));
    }

    private BeliefsView beliefsAtKnownDebate(String debateId, String participantId, long sequence) {
        String displayName = displayNameAt(debateId, participantId, sequence);
        List<BeliefView> beliefs = jdbc.sql("""
                        SELECT v.claim_id, c.statement, v.to_credence, v.changed_at, v.sequence, v.rationale, v.because_of
                        FROM (SELECT DISTINCT ON (claim_id) * FROM view_change
                              WHERE debate_id = :debateId AND participant_id = :participantId AND sequence <= :sequence
                              ORDER BY claim_id, sequence DESC) v
                        LEFT JOIN claim c ON c.debate_id = v.debate_id AND c.claim_id = v.claim_id
                        ORDER BY c.sequence, v.claim_id""")
                .param("debateId", debateId)
                .param("participantId", participantId)
                .param("sequence", sequence)
                .query((rs, row) -> new BeliefView(rs.getString("claim_id"), rs.getString("statement"),
                        rs.getDouble("to_credence"), Rows.instant(rs, "changed_at"), rs.getLong("sequence"),
                        rs.getString("rationale"), Rows.strings(rs.getArray("because_of"))))
                .list();
        return new BeliefsView(debateId, participantId, displayName, sequence, beliefs);
    }

    /**
     * The sequence a query "at {@code atSequence}" reads at: that sequence, or for null ("now") the debate's last
     * applied sequence in this snapshot, so that the rows a query reads and the sequence it reports agree. 404 naming
     * debateId for a debate the read model does not know.
     */
    public long sequenceAtOrNow(String debateId, Long atSequence) {
        requireDebate(debateId);
        if (atSequence != null) {
            return atSequence;
        }
        return jdbc.sql("SELECT last_sequence FROM debate_progress WHERE debate_id = :debateId")
                .param("debateId", debateId)
                .query(Long.class)
                .single();
    }

    /** 404 naming debateId unless the read model has applied the debate's DebateOpened. */
    public void requireDebate(String debateId) {
        boolean known = jdbc.sql("""
                        SELECT count(*) > 0 FROM debate d JOIN debate_progress g ON g.debate_id = d.debate_id
                        WHERE d.debate_id = :debateId""")
                .param("debateId", debateId)
                .query(Boolean.class)
                .single();
        if (!known) {
            throw new NotFoundException("debateId", "names no debate known to the read model");
        }
    }
}
