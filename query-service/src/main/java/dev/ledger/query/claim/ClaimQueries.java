package dev.ledger.query.claim;

import dev.ledger.query.api.PastBeliefs;
import dev.ledger.query.api.Views.AcknowledgementView;
import dev.ledger.query.claim.ClaimDetailView.ReasonNode;
import dev.ledger.query.claim.ClaimDetailView.Trajectory;
import dev.ledger.query.claim.ClaimDetailView.TrajectoryPoint;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ledger.query.api.Rows.instant;

/**
 * A claim as of a debate sequence. Live answers are the same query at the projection's last applied sequence, so
 * "now" and "then" cannot drift apart. Every row of the read model remembers the sequence that wrote it; the only
 * table that forgets is acknowledgement (latest kind per participant), so acknowledgements come from the
 * timeline, which keeps every ReasonAcknowledged.
 */
@Repository
@SnapshotRead
public class ClaimQueries {

    private final JdbcClient jdbc;
    private final PastBeliefs pastBeliefs;

    ClaimQueries(JdbcClient jdbc, PastBeliefs pastBeliefs) {
        this.jdbc = jdbc;
        this.pastBeliefs = pastBeliefs;
    }

    public ClaimDetailView claimNow(String debateId, String claimId, PageRequest page) {
        return claimAt(debateId, claimId, pastBeliefs.sequenceAtOrNow(debateId, null), page);
    }

    /**
     * The claim as it stood right after {@code sequence}, with the page of its reasons and view changes (together, in
     * sequence order) that follows {@code page.after()}. The credence distribution always counts every participant.
     */
    public ClaimDetailView claimAt(String debateId, String claimId, long sequence, PageRequest page) {
        pastBeliefs.requireDebate(debateId);
        record Claim(String statement, String by, Instant statedAt) {
        }
        Claim claim = jdbc.sql("""
                        SELECT statement, stated_by, stated_at FROM claim
                        WHERE debate_id = :debateId AND claim_id = :claimId AND sequence <= :sequence""")
                .param("debateId", debateId)
                .param("claimId", claimId)
                .param("sequence", sequence)
                .query((rs, row) -> new Claim(rs.getString("statement"), rs.getString("stated_by"), instant(rs, "stated_at")))
                .optional()
                .orElseThrow(() -> new NotFoundException("claimId", "names no claim stated in this debate by sequence " + sequence));
        PageRequest.Page<Long> window = page.page(jdbc.sql("""
                        SELECT sequence FROM reason
                        WHERE debate_id = :debateId AND claim_id = :claimId AND sequence > :after AND sequence <= :sequence
                        UNION ALL SELECT sequence FROM view_change
                        WHERE debate_id = :debateId AND claim_id = :claimId AND sequence > :after AND sequence <= :sequence
                        ORDER BY sequence LIMIT :fetch""")
                .param("debateId", debateId)
                .param("claimId", claimId)
                .param("after", page.after())
                .param("sequence", sequence)
                .param("fetch", page.fetch())
                .query(Long.class)
                .list(), position -> position);
        Window shown = new Window(page.after(), window.nextAfter() == null ? sequence : window.nextAfter());
        return new ClaimDetailView(debateId, claimId, claim.statement(), claim.by(), claim.statedAt(), sequence,
                reasons(debateId, claimId, sequence, shown), CredenceDistribution.of(currentCredences(debateId, claimId, sequence)),
                trajectories(debateId, claimId, shown), window.nextAfter());
    }

    /** The sequences a page shows: after {@code after}, up to {@code upTo}. */
    private record Window(long after, long upTo) {
    }

    private List<Double> currentCredences(String debateId, String claimId, long sequence) {
        return jdbc.sql("""
                        SELECT DISTINCT ON (participant_id) to_credence FROM view_change
                        WHERE debate_id = :debateId AND claim_id = :claimId AND sequence <= :sequence
                        ORDER BY participant_id, sequence DESC""")
                .param("debateId", debateId)
                .param("claimId", claimId)
                .param("sequence", sequence)
                .query(Double.class)
                .list();
    }

    private List<ReasonNode> reasons(String debateId, String claimId, long sequence, Window shown) {
        Map<String, List<AcknowledgementView>> acknowledgements = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT * FROM (
                            SELECT DISTINCT ON (t.reason_id, t.participant_id)
                                   t.reason_id, t.participant_id, t.details ->> 'kind' AS kind, t.details ->> 'note' AS note,
                                   t.at, t.sequence
                            FROM timeline_entry t
                            JOIN reason r ON r.debate_id = t.debate_id AND r.reason_id = t.reason_id
                            WHERE t.debate_id = :debateId AND r.claim_id = :claimId AND t.type = 'ReasonAcknowledged'
                              AND t.sequence <= :sequence AND r.sequence > :after AND r.sequence <= :upTo
                            ORDER BY t.reason_id, t.participant_id, t.sequence DESC) latest
                        ORDER BY sequence""")
                .param("debateId", debateId)
                .param("claimId", claimId)
                .param("sequence", sequence)
                .param("after", shown.after())
                .param("upTo", shown.upTo())
                .query((RowCallbackHandler) rs -> acknowledgements
                        .computeIfAbsent(rs.getString("reason_id"), id -> new ArrayList<>())
                        .add(new AcknowledgementView(rs.getString("participant_id"), rs.getString("kind"),
                                rs.getString("note"), instant(rs, "at"))));

        // Children before parents cannot happen (a reply names an existing reason), so one pass in sequence order
        // can attach each reason to its parent's reply list.
        Map<String, List<ReasonNode>> repliesById = new LinkedHashMap<>();
        List<ReasonNode> topLevel = new ArrayList<>();
        jdbc.sql("""
                        SELECT reason_id, stance, text, author, in_reply_to, proposed_at FROM reason
                        WHERE debate_id = :debateId AND claim_id = :claimId AND sequence > :after AND sequence <= :upTo
                        ORDER BY sequence""")
                .param("debateId", debateId)
                .param("claimId", claimId)
                .param("after", shown.after())
                .param("upTo", shown.upTo())
                .query((RowCallbackHandler) rs -> {
                    String reasonId = rs.getString("reason_id");
                    String inReplyTo = rs.getString("in_reply_to");
                    List<ReasonNode> replies = new ArrayList<>();
                    repliesById.put(reasonId, replies);
                    ReasonNode node = new ReasonNode(reasonId, rs.getString("stance"), rs.getString("text"),
                            rs.getString("author"), inReplyTo, instant(rs, "proposed_at"),
                            acknowledgements.getOrDefault(reasonId, List.of()), replies);
                    // a reply to a reason this claim does not have (not promised impossible by the events), or to one on
                    // an earlier page, stays visible at the top level
                    repliesById.getOrDefault(inReplyTo, topLevel).add(node);
                });
        return topLevel;
    }

    private List<Trajectory> trajectories(String debateId, String claimId, Window shown) {
        Map<String, List<TrajectoryPoint>> byParticipant = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT participant_id, sequence, changed_at, to_credence FROM view_change
                        WHERE debate_id = :debateId AND claim_id = :claimId AND sequence > :after AND sequence <= :upTo
                        ORDER BY sequence""")
                .param("debateId", debateId)
                .param("claimId", claimId)
                .param("after", shown.after())
                .param("upTo", shown.upTo())
                .query((RowCallbackHandler) rs -> byParticipant
                        .computeIfAbsent(rs.getString("participant_id"), id -> new ArrayList<>())
                        .add(new TrajectoryPoint(rs.getLong("sequence"), instant(rs, "changed_at"), rs.getDouble("to_credence"))));
        return byParticipant.entrySet().stream()
                .map(entry -> new Trajectory(entry.getKey(), List.copyOf(entry.getValue())))
                .toList();
    }
}
