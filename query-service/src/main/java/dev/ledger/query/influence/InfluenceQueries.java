package dev.ledger.query.influence;

import dev.ledger.query.api.PastBeliefs;
import dev.ledger.query.influence.InfluenceViews.Citation;
import dev.ledger.query.influence.InfluenceViews.Influence;
import dev.ledger.query.influence.InfluenceViews.ParticipantInfluence;
import dev.ledger.query.influence.InfluenceViews.ParticipantInfluencesView;
import dev.ledger.query.influence.InfluenceViews.RankedReason;
import dev.ledger.query.influence.InfluenceViews.RankingView;
import dev.ledger.query.influence.InfluenceViews.ReasonInfluenceView;
import dev.ledger.query.influence.InfluenceViews.ReasonRef;
import dev.ledger.query.scoring.ClaimScoring.ChangeCredit;
import dev.ledger.query.scoring.ScoringQueries;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.ledger.query.api.Rows.instant;

/**
 * Attribution of view changes to the reasons they cite, as of a debate sequence ({@code null}: the projection's
 * last applied sequence, read in the same REPEATABLE READ snapshot as the rows). The totals of every answer come
 * from one aggregate query ({@link #AGGREGATE}), so a reason's numbers are the same in the ranking and in its own
 * answer.
 */
@Repository
@SnapshotRead
public class InfluenceQueries {

    /**
     * One row per (view change, distinct cited reason); attributed = shift / number of distinct reasons the change
     * cites (null for a first view). Filters are appended where the placeholder is.
     */
    private static final String CITATIONS = """
            SELECT v.sequence, v.participant_id, v.claim_id, v.from_credence, v.to_credence, v.changed_at, v.rationale,
                   cited.reason_id,
                   v.to_credence - v.from_credence AS shift,
                   (v.to_credence - v.from_credence) / count(*) OVER (PARTITION BY v.sequence) AS attributed
            FROM view_change v
            CROSS JOIN LATERAL (SELECT DISTINCT unnest(v.because_of) AS reason_id) cited
            WHERE v.debate_id = :debateId AND v.sequence <= :sequence /*changes*/""";

    private static final String AGGREGATE = """
            WITH citation AS (%s),
            influence AS (
                SELECT r.reason_id, r.claim_id, r.stance, r.text, r.author, r.in_reply_to, r.proposed_at, r.sequence,
                       count(c.reason_id) AS citations,
                       round(coalesce(sum(abs(c.attributed)), 0)::numeric, 12) AS total_shift,
                       round(coalesce(sum(CASE WHEN r.stance = 'for' THEN c.attributed ELSE -c.attributed END), 0)::numeric, 12)
                           AS towards,
                       count(DISTINCT c.participant_id) FILTER (WHERE c.attributed <> 0) AS participants_moved
                FROM reason r
                LEFT JOIN citation c ON c.reason_id = r.reason_id
                WHERE r.debate_id = :debateId AND r.sequence <= :sequence /*reasons*/
                GROUP BY r.debate_id, r.reason_id
                HAVING :includeUncited OR count(c.reason_id) > 0)
            SELECT *, count(*) OVER () AS matching FROM influence
            ORDER BY total_shift DESC, citations DESC, sequence
            LIMIT :limit""";

    /**
     * A participant's citing changes listed per reason ({@code citedIn}): the first this many; {@code citations} counts
     * them all, and the reason's own answer pages through every one ({@code citedBy}).
     */
    static final int CITED_IN_MAX = PageRequest.DEFAULT_LIMIT;

    private final JdbcClient jdbc;
    private final PastBeliefs pastBeliefs;
    private final ScoringQueries scoring;

    InfluenceQueries(JdbcClient jdbc, PastBeliefs pastBeliefs, ScoringQueries scoring) {
        this.jdbc = jdbc;
        this.pastBeliefs = pastBeliefs;
        this.scoring = scoring;
    }

    public RankingView ranking(String debateId, Long atSequence, String claimId, boolean includeUncited, int limit) {
        long sequence = pastBeliefs.sequenceAtOrNow(debateId, atSequence);
        if (claimId != null) {
            requireClaim(debateId, claimId, sequence);
        }
        String changes = "";
        String reasons = claimId == null ? "" : "AND r.claim_id = :claimId";
        List<Aggregate> rows = aggregate(changes, reasons, debateId, sequence, includeUncited, limit,
                claimId == null ? Map.of() : Map.of("claimId", claimId));
        Map<String, Double> credit = creditByReason(scoring.changeCredits(debateId, sequence), null);
        List<RankedReason> ranked = new ArrayList<>();
        for (Aggregate row : rows) {
            ranked.add(new RankedReason(ranked.size() + 1, row.reason(),
                    row.influence().withCredit(credit.get(row.reason().reasonId()))));
        }
        return new RankingView(debateId, sequence, claimId, includeUncited, limit, matching(rows), ranked);
    }

    /** The reason's totals, and the page of the view changes citing it ({@code citedBy}) after sequence {@code page.after()}. */
    public ReasonInfluenceView reason(String debateId, String reasonId, Long atSequence, PageRequest page) {
        long sequence = pastBeliefs.sequenceAtOrNow(debateId, atSequence);
        List<Aggregate> rows = aggregate("AND v.because_of @> ARRAY[CAST(:reasonId AS text)]",
                "AND r.reason_id = :reasonId", debateId, sequence, true, 1, Map.of("reasonId", reasonId));
        if (rows.isEmpty()) {
            throw new NotFoundException("reasonId", "names no reason proposed in this debate by sequence " + sequence);
        }
        Map<Long, ChangeCredit> credits = scoring.changeCredits(debateId, sequence);
        List<Citation> citing = new ArrayList<>();
        citations(credits, "AND v.because_of @> ARRAY[CAST(:reasonId AS text)] AND v.sequence > :after", debateId, sequence,
                Map.of("reasonId", reasonId, "after", page.after()), page.fetch(),
                (rs, citation) -> {
                    if (reasonId.equals(rs.getString("reason_id"))) {
                        citing.add(citation);
                    }
                });
        PageRequest.Page<Citation> citedBy = page.page(citing, Citation::sequence);
        Aggregate row = rows.get(0);
        return new ReasonInfluenceView(debateId, sequence, row.reason(),
                row.influence().withCredit(creditByReason(credits, null).get(reasonId)), citedBy.items(), citedBy.nextAfter());
    }

    public ParticipantInfluencesView participant(String debateId, String participantId, Long atSequence, String claimId,
                                                 int limit) {
        long sequence = pastBeliefs.sequenceAtOrNow(debateId, atSequence);
        String displayName = pastBeliefs.displayNameAt(debateId, participantId, sequence);
        if (claimId != null) {
            requireClaim(debateId, claimId, sequence);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("participantId", participantId);
        if (claimId != null) {
            params.put("claimId", claimId);
        }
        List<Aggregate> rows = aggregate("AND v.participant_id = :participantId",
                claimId == null ? "" : "AND r.claim_id = :claimId", debateId, sequence, false, limit, params);
        Map<String, List<Citation>> byReason = new LinkedHashMap<>();
        rows.forEach(row -> byReason.put(row.reason().reasonId(), new ArrayList<>()));
        Map<Long, ChangeCredit> credits = scoring.changeCredits(debateId, sequence);
        Map<String, Double> credit = creditByReason(credits, participantId);
        citations(credits, "AND v.participant_id = :participantId", debateId, sequence, Map.of("participantId", participantId),
                Integer.MAX_VALUE, (rs, citation) -> {
                    List<Citation> list = byReason.get(rs.getString("reason_id"));
                    if (list != null && list.size() < CITED_IN_MAX) {
                        list.add(citation);
                    }
                });
        List<ParticipantInfluence> reasons = new ArrayList<>();
        for (Aggregate row : rows) {
            reasons.add(new ParticipantInfluence(reasons.size() + 1, row.reason(), row.influence().citations(),
                    row.influence().totalShift(), row.influence().shiftTowardsStance(), credit.get(row.reason().reasonId()),
                    List.copyOf(byReason.get(row.reason().reasonId()))));
        }
        return new ParticipantInfluencesView(debateId, participantId, displayName, sequence, claimId, limit,
                matching(rows), reasons);
    }

    private record Aggregate(ReasonRef reason, Influence influence, long matching) {
    }

    private List<Aggregate> aggregate(String changes, String reasons, String debateId, long sequence,
                                      boolean includeUncited, int limit, Map<String, ?> params) {
        String sql = AGGREGATE.formatted(CITATIONS.replace("/*changes*/", changes)).replace("/*reasons*/", reasons);
        return jdbc.sql(sql)
                .params(params)
                .param("debateId", debateId)
                .param("sequence", sequence)
                .param("includeUncited", includeUncited)
                .param("limit", limit)
                .query((rs, row) -> new Aggregate(
                        new ReasonRef(rs.getString("reason_id"), rs.getString("claim_id"), rs.getString("stance"),
                                rs.getString("text"), rs.getString("author"), rs.getString("in_reply_to"),
                                instant(rs, "proposed_at")),
                        new Influence(rs.getLong("citations"), rs.getBigDecimal("total_shift").doubleValue(),
                                rs.getBigDecimal("towards").doubleValue(), rs.getLong("participants_moved"), null),
                        rs.getLong("matching")))
                .list();
    }

    private static long matching(List<Aggregate> rows) {
        return rows.isEmpty() ? 0 : rows.get(0).matching();
    }

    private interface CitationHandler {
        void handle(ResultSet rs, Citation citation) throws SQLException;
    }

    /** The citations of the changes the filter selects, in order; at most {@code limit} rows. */
    private void citations(Map<Long, ChangeCredit> credits, String changes, String debateId, long sequence,
                           Map<String, ?> params, int limit, CitationHandler handler) {
        jdbc.sql("SELECT c.*, round(c.shift::numeric, 12) AS shown_shift, round(c.attributed::numeric, 12) AS shown_attributed"
                        + " FROM (" + CITATIONS.replace("/*changes*/", changes) + ") c ORDER BY c.sequence, c.reason_id"
                        + " LIMIT :citationLimit")
                .params(params)
                .param("citationLimit", limit)
                .param("debateId", debateId)
                .param("sequence", sequence)
                .query((RowCallbackHandler) rs -> handler.handle(rs, new Citation(rs.getLong("sequence"),
                        rs.getString("participant_id"), rs.getString("claim_id"), rs.getObject("from_credence", Double.class),
                        rs.getDouble("to_credence"), number(rs.getBigDecimal("shown_shift")),
                        number(rs.getBigDecimal("shown_attributed")), credit(credits, rs.getLong("sequence")),
                        instant(rs, "changed_at"),
                        rs.getString("rationale"))));
    }

    /** A change's credit per cited reason; null unless its claim is resolved. */
    private static Double credit(Map<Long, ChangeCredit> credits, long sequence) {
        ChangeCredit credit = credits.get(sequence);
        return credit == null ? null : credit.perReason();
    }

    /** Each reason's credit from the credited changes (of one participant, unless null); absent: no credited change. */
    private static Map<String, Double> creditByReason(Map<Long, ChangeCredit> credits, String participantIdOrNull) {
        Map<String, Double> byReason = new HashMap<>();
        for (ChangeCredit change : credits.values()) {
            if (participantIdOrNull == null || participantIdOrNull.equals(change.change().participantId())) {
                change.reasons().forEach(reasonId -> byReason.merge(reasonId, change.perReason(), Double::sum));
            }
        }
        return byReason;
    }

    private static Double number(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }

    private void requireClaim(String debateId, String claimId, long sequence) {
        boolean known = jdbc.sql("""
                        SELECT count(*) > 0 FROM claim
                        WHERE debate_id = :debateId AND claim_id = :claimId AND sequence <= :sequence""")
                .param("debateId", debateId)
                .param("claimId", claimId)
                .param("sequence", sequence)
                .query(Boolean.class)
                .single();
        if (!known) {
            throw new NotFoundException("claimId", "names no claim stated in this debate by sequence " + sequence);
        }
    }
}
