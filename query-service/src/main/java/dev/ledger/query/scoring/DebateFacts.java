package dev.ledger.query.scoring;

import dev.ledger.query.api.Rows;
import dev.ledger.web.problem.NotFoundException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The read-model rows scoring and engagement are computed from, as they stood right after a debate sequence: every
 * query keeps only rows whose sequence is at most that one. Called inside the callers' snapshot reads.
 */
final class DebateFacts {

    /** A claim as stated. */
    record StatedClaim(String claimId, String statement, Instant statedAt, long sequence) {
    }

    private final JdbcClient jdbc;

    DebateFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** 404 naming claimId unless the claim was stated by {@code sequence}. */
    StatedClaim claim(String debateId, String claimId, long sequence) {
        return jdbc.sql("""
                        SELECT claim_id, statement, stated_at, sequence FROM claim
                        WHERE debate_id = :debateId AND claim_id = :claimId AND sequence <= :sequence""")
                .param("debateId", debateId)
                .param("claimId", claimId)
                .param("sequence", sequence)
                .query((rs, row) -> new StatedClaim(rs.getString("claim_id"), rs.getString("statement"),
                        Rows.instant(rs, "stated_at"), rs.getLong("sequence")))
                .optional()
                .orElseThrow(() -> new NotFoundException("claimId", "names no claim stated in this debate by sequence " + sequence));
    }

    /** Each claim's resolution history up to {@code sequence}, claims in the order they were stated; null claimId: all. */
    Map<StatedClaim, List<ResolutionEntry>> resolutions(String debateId, String claimIdOrNull, long sequence) {
        Map<String, StatedClaim> claims = new LinkedHashMap<>();
        Map<StatedClaim, List<ResolutionEntry>> histories = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT c.claim_id, c.statement, c.stated_at, c.sequence AS claim_sequence,
                               r.sequence, r.at, r.outcome, r.note, r.decided_by
                        FROM claim_resolution r
                        JOIN claim c ON c.debate_id = r.debate_id AND c.claim_id = r.claim_id
                        WHERE r.debate_id = :debateId AND r.sequence <= :sequence
                          AND (CAST(:claimId AS text) IS NULL OR r.claim_id = :claimId)
                        ORDER BY c.sequence, r.sequence""")
                .param("debateId", debateId)
                .param("sequence", sequence)
                .param("claimId", claimIdOrNull, Types.VARCHAR)
                .query((RowCallbackHandler) rs -> {
                    StatedClaim stated = new StatedClaim(rs.getString("claim_id"), rs.getString("statement"),
                            Rows.instant(rs, "stated_at"), rs.getLong("claim_sequence"));
                    StatedClaim claim = claims.computeIfAbsent(stated.claimId(), id -> stated);
                    histories.computeIfAbsent(claim, c -> new ArrayList<>()).add(new ResolutionEntry(rs.getLong("sequence"),
                            Rows.instant(rs, "at"), rs.getObject("outcome", Boolean.class), rs.getString("note"),
                            rs.getString("decided_by")));
                });
        return histories;
    }

    /** The view changes on these claims up to {@code sequence}, per claim, each list in sequence order. */
    Map<String, List<ViewStep>> viewSteps(String debateId, Collection<String> claimIds, long sequence) {
        Map<String, List<ViewStep>> steps = new LinkedHashMap<>();
        if (claimIds.isEmpty()) {
            return steps;
        }
        jdbc.sql("""
                        SELECT claim_id, sequence, participant_id, changed_at, to_credence, because_of FROM view_change
                        WHERE debate_id = :debateId AND claim_id IN (:claimIds) AND sequence <= :sequence
                        ORDER BY sequence""")
                .param("debateId", debateId)
                .param("claimIds", List.copyOf(claimIds))
                .param("sequence", sequence)
                .query((RowCallbackHandler) rs -> steps.computeIfAbsent(rs.getString("claim_id"), id -> new ArrayList<>())
                        .add(new ViewStep(rs.getLong("sequence"), rs.getString("participant_id"), Rows.instant(rs, "changed_at"),
                                rs.getDouble("to_credence"), Rows.strings(rs.getArray("because_of")))));
        return steps;
    }

    /** A reason as proposed. */
    record ProposedReason(String reasonId, String claimId, String stance, String text, String author, long sequence) {
    }

    /** The reasons with these ids (any claim) or on these claims, proposed by {@code sequence}. */
    Map<String, ProposedReason> reasons(String debateId, Collection<String> reasonIds, Collection<String> claimIds,
                                        long sequence) {
        Map<String, ProposedReason> reasons = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT reason_id, claim_id, stance, text, author, sequence FROM reason
                        WHERE debate_id = :debateId AND sequence <= :sequence
                          AND (reason_id = ANY (CAST(:reasonIds AS text[])) OR claim_id = ANY (CAST(:claimIds AS text[])))
                        ORDER BY sequence""")
                .param("debateId", debateId)
                .param("sequence", sequence)
                .param("reasonIds", reasonIds.toArray(String[]::new))
                .param("claimIds", claimIds.toArray(String[]::new))
                .query((RowCallbackHandler) rs -> reasons.put(rs.getString("reason_id"), new ProposedReason(
                        rs.getString("reason_id"), rs.getString("claim_id"), rs.getString("stance"), rs.getString("text"),
                        rs.getString("author"), rs.getLong("sequence"))));
        return reasons;
    }

    /**
     * The engagements with the reasons of these claims up to {@code sequence}, per participant (null: everyone's):
     * acknowledgements (every one, from the timeline), replies (reasons in reply to them) and citations in view changes.
     */
    Map<String, List<Engagement.Act>> acts(String debateId, Collection<String> claimIds, String participantIdOrNull,
                                           long sequence) {
        Map<String, List<Engagement.Act>> acts = new LinkedHashMap<>();
        jdbc.sql("""
                        WITH on_claims AS (
                            SELECT reason_id FROM reason
                            WHERE debate_id = :debateId AND claim_id = ANY (CAST(:claimIds AS text[])) AND sequence <= :sequence)
                        SELECT participant_id, reason_id, 'ACKNOWLEDGED' AS kind, sequence FROM timeline_entry
                        WHERE debate_id = :debateId AND type = 'ReasonAcknowledged' AND sequence <= :sequence
                          AND reason_id IN (SELECT reason_id FROM on_claims)
                          AND (CAST(:participantId AS text) IS NULL OR participant_id = :participantId)
                        UNION ALL
                        SELECT author, in_reply_to, 'REPLIED', sequence FROM reason
                        WHERE debate_id = :debateId AND sequence <= :sequence
                          AND in_reply_to IN (SELECT reason_id FROM on_claims)
                          AND (CAST(:participantId AS text) IS NULL OR author = :participantId)
                        UNION ALL
                        SELECT v.participant_id, cited.reason_id, 'CITED', v.sequence FROM view_change v
                        CROSS JOIN LATERAL unnest(v.because_of) AS cited(reason_id)
                        WHERE v.debate_id = :debateId AND v.sequence <= :sequence
                          AND cited.reason_id IN (SELECT reason_id FROM on_claims)
                          AND (CAST(:participantId AS text) IS NULL OR v.participant_id = :participantId)""")
                .param("debateId", debateId)
                .param("sequence", sequence)
                .param("claimIds", claimIds.toArray(String[]::new))
                .param("participantId", participantIdOrNull, Types.VARCHAR)
                .query((RowCallbackHandler) rs -> acts.computeIfAbsent(rs.getString("participant_id"), id -> new ArrayList<>())
                        .add(new Engagement.Act(rs.getString("reason_id"), Engagement.Kind.valueOf(rs.getString("kind")),
                                rs.getLong("sequence"))));
        return acts;
    }

    /** Each participant's latest credence on the claim up to {@code sequence}. */
    Map<String, Double> credences(String debateId, String claimId, long sequence) {
        Map<String, Double> credences = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT DISTINCT ON (participant_id) participant_id, to_credence FROM view_change
                        WHERE debate_id = :debateId AND claim_id = :claimId AND sequence <= :sequence
                        ORDER BY participant_id, sequence DESC""")
                .param("debateId", debateId)
                .param("claimId", claimId)
                .param("sequence", sequence)
                .query((RowCallbackHandler) rs -> credences.put(rs.getString("participant_id"), rs.getDouble("to_credence")));
        return credences;
    }

    /** The participants who had joined by {@code sequence}, in the order they joined. */
    List<String> participants(String debateId, long sequence) {
        return jdbc.sql("""
                        SELECT participant_id FROM participant WHERE debate_id = :debateId AND sequence <= :sequence
                        ORDER BY sequence""")
                .param("debateId", debateId)
                .param("sequence", sequence)
                .query(String.class)
                .list();
    }
}
