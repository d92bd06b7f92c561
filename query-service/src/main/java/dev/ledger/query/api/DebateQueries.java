package dev.ledger.query.api;

import dev.ledger.query.api.Views.AcknowledgementView;
import dev.ledger.query.api.Views.BeliefView;
import dev.ledger.query.api.Views.BeliefsView;
import dev.ledger.query.api.Views.CitedReason;
import dev.ledger.query.api.Views.ClaimView;
import dev.ledger.query.api.Views.CredenceView;
import dev.ledger.query.api.Views.DebateView;
import dev.ledger.query.api.Views.CoverageView;
import dev.ledger.query.api.Views.HistoryView;
import dev.ledger.query.api.Views.ParticipantView;
import dev.ledger.query.api.Views.ReasonView;
import dev.ledger.query.api.Views.ViewChangeView;
import dev.ledger.query.snapshot.SnapshotRead;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.PageRequest;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the read model. Each query runs in one REPEATABLE READ transaction, so the sequence it reports and
 * the rows it returns come from the same snapshot.
 */
@Repository
@SnapshotRead
public class DebateQueries {

    private final JdbcClient jdbc;
    private final HistoryCoverage coverage;

    DebateQueries(JdbcClient jdbc, HistoryCoverage coverage) {
        this.jdbc = jdbc;
        this.coverage = coverage;
    }

    /** The debate's last applied sequence: 0 when nothing of it has been applied (or it is unknown). */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.NOT_SUPPORTED)
    public long lastSequence(String debateId) {
        return jdbc.sql("SELECT last_sequence FROM debate_progress WHERE debate_id = :debateId")
                .param("debateId", debateId)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    /**
     * The debate with the page of its participants, claims and reasons (together, in sequence order) that follows
     * sequence {@code page.after()}: at most {@code page.limit()} of them. A claim's credences and a reason's
     * acknowledgements come with it (one per participant at most).
     */
    public DebateView debate(String debateId, PageRequest page) {
        DebateHeader header = header(debateId);
        PageRequest.Page<Long> window = page.page(jdbc.sql("""
                        SELECT sequence FROM participant WHERE debate_id = :debateId AND sequence > :after
                        UNION ALL SELECT sequence FROM claim WHERE debate_id = :debateId AND sequence > :after
                        UNION ALL SELECT sequence FROM reason WHERE debate_id = :debateId AND sequence > :after
                        ORDER BY sequence LIMIT :fetch""")
                .param("debateId", debateId)
                .param("after", page.after())
                .param("fetch", page.fetch())
                .query(Long.class)
                .list(), sequence -> sequence);
        long upTo = window.nextAfter() == null ? Long.MAX_VALUE : window.nextAfter();
        List<ParticipantView> participants = jdbc.sql("""
                        SELECT participant_id, display_name, role, joined_at FROM participant
                        WHERE debate_id = :debateId AND sequence > :after AND sequence <= :upTo ORDER BY sequence""")
                .param("debateId", debateId)
                .param("after", page.after())
                .param("upTo", upTo)
                .query((rs, row) -> new ParticipantView(rs.getString("participant_id"), rs.getString("display_name"),
                        rs.getString("role"), Rows.instant(rs, "joined_at")))
                .list();

        Map<String, List<CredenceView>> credencesByClaim = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT b.claim_id, b.participant_id, b.credence, b.since FROM current_belief b
                        JOIN claim c ON c.debate_id = b.debate_id AND c.claim_id = b.claim_id
                        LEFT JOIN participant p ON p.debate_id = b.debate_id AND p.participant_id = b.participant_id
                        WHERE b.debate_id = :debateId AND c.sequence > :after AND c.sequence <= :upTo
                        ORDER BY p.sequence, b.participant_id""")
                .param("debateId", debateId)
                .param("after", page.after())
                .param("upTo", upTo)
                .query((RowCallbackHandler) rs -> credencesByClaim
                        .computeIfAbsent(rs.getString("claim_id"), id -> new ArrayList<>())
                        .add(new CredenceView(rs.getString("participant_id"), rs.getDouble("credence"),
                                Rows.instant(rs, "since"))));
        List<ClaimView> claims = jdbc.sql("""
                        SELECT claim_id, statement, stated_by, stated_at FROM claim
                        WHERE debate_id = :debateId AND sequence > :after AND sequence <= :upTo ORDER BY sequence""")
                .param("debateId", debateId)
                .param("after", page.after())
                .param("upTo", upTo)
                .query((rs, row) -> new ClaimView(rs.getString("claim_id"), rs.getString("statement"),
                        rs.getString("stated_by"), Rows.instant(rs, "stated_at"),
                        credencesByClaim.getOrDefault(rs.getString("claim_id"), List.of())))
                .list();

        Map<String, List<AcknowledgementView>> acknowledgementsByReason = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT a.reason_id, a.participant_id, a.kind, a.note, a.acknowledged_at FROM acknowledgement a
                        JOIN reason r ON r.debate_id = a.debate_id AND r.reason_id = a.reason_id
                        WHERE a.debate_id = :debateId AND r.sequence > :after AND r.sequence <= :upTo
                        ORDER BY a.sequence""")
                .param("debateId", debateId)
                .param("after", page.after())
                .param("upTo", upTo)
                .query((RowCallbackHandler) rs -> acknowledgementsByReason
                        .computeIfAbsent(rs.getString("reason_id"), id -> new ArrayList<>())
                        .add(new AcknowledgementView(rs.getString("participant_id"), rs.getString("kind"),
                                rs.getString("note"), Rows.instant(rs, "acknowledged_at"))));
        List<ReasonView> reasons = jdbc.sql("""
                        SELECT reason_id, claim_id, stance, text, author, in_reply_to, proposed_at FROM reason
                        WHERE debate_id = :debateId AND sequence > :after AND sequence <= :upTo ORDER BY sequence""")
                .param("debateId", debateId)
                .param("after", page.after())
                .param("upTo", upTo)
                .query((rs, row) -> new ReasonView(rs.getString("reason_id"), rs.getString("claim_id"),
                        rs.getString("stance"), rs.getString("text"), rs.getString("author"),
                        rs.getString("in_reply_to"), Rows.instant(rs, "proposed_at"),
                        acknowledgementsByReason.getOrDefault(rs.getString("reason_id"), List.of())))
                .list();

        return new DebateView(debateId, header.title(), header.description(), header.visibility(), header.openedBy(),
                header.openedAt(), header.sequence(),
                participants, claims, reasons, window.nextAfter());
    }

    public BeliefsView beliefs(String debateId, String participantId) {
        DebateHeader header = header(debateId);
        String displayName = displayName(debateId, participantId);
        List<BeliefView> beliefs = jdbc.sql("""
                        SELECT b.claim_id, c.statement, b.credence, b.since, b.sequence, b.rationale, b.because_of
                        FROM current_belief b
                        LEFT JOIN claim c ON c.debate_id = b.debate_id AND c.claim_id = b.claim_id
                        WHERE b.debate_id = :debateId AND b.participant_id = :participantId
                        ORDER BY c.sequence, b.claim_id""")
                .param("debateId", debateId)
                .param("participantId", participantId)
                .query((rs, row) -> new BeliefView(rs.getString("claim_id"), rs.getString("statement"),
                        rs.getDouble("credence"), Rows.instant(rs, "since"), rs.getLong("sequence"),
                        rs.getString("rationale"), strings(rs.getArray("because_of"))))
                .list();
        return new BeliefsView(debateId, participantId, displayName, header.sequence(), beliefs);
    }

    /** The page of the participant's view changes after sequence {@code page.after()}. */
    public HistoryView history(String debateId, String participantId, PageRequest page) {
        header(debateId);
        displayName(debateId, participantId);
        Map<String, CitedReason> cited = new HashMap<>();
        jdbc.sql("""
                        SELECT reason_id, author, stance, claim_id FROM reason
                        WHERE debate_id = :debateId AND reason_id IN (
                            SELECT unnest(because_of) FROM (
                                SELECT because_of FROM view_change
                                WHERE debate_id = :debateId AND participant_id = :participantId AND sequence > :after
                                ORDER BY sequence LIMIT :fetch) page)""")
                .param("debateId", debateId)
                .param("participantId", participantId)
                .param("after", page.after())
                .param("fetch", page.fetch())
                .query((RowCallbackHandler) rs -> cited.put(rs.getString("reason_id"), new CitedReason(
                        rs.getString("reason_id"), rs.getString("author"), rs.getString("stance"), rs.getString("claim_id"))));
        List<ViewChangeView> changes = jdbc.sql("""
                        SELECT sequence, claim_id, from_credence, to_credence, changed_at, rationale, because_of
                        FROM view_change
                        WHERE debate_id = :debateId AND participant_id = :participantId AND sequence > :after
                        ORDER BY sequence
                        LIMIT :fetch""")
                .param("debateId", debateId)
                .param("participantId", participantId)
                .param("after", page.after())
                .param("fetch", page.fetch())
                .query((rs, row) -> {
                    List<String> becauseOf = strings(rs.getArray("because_of"));
                    List<CitedReason> cites = becauseOf.stream()
                            .map(id -> cited.getOrDefault(id, new CitedReason(id, null, null, null)))
                            .toList();
                    return new ViewChangeView(rs.getLong("sequence"), rs.getString("claim_id"),
                            rs.getObject("from_credence", Double.class), rs.getDouble("to_credence"),
                            Rows.instant(rs, "changed_at"), rs.getString("rationale"), becauseOf, cites, null);
                })
                .list();
        PageRequest.Page<ViewChangeView> shown = page.page(changes, ViewChangeView::sequence);
        Map<Long, CoverageView> engagement = coverage.atChanges(debateId, participantId, shown.items().stream()
                .map(change -> new HistoryCoverage.Change(change.sequence(), change.claimId(), change.to()))
                .toList());
        return new HistoryView(debateId, participantId, shown.items().stream()
                .map(change -> change.withEngagement(engagement.get(change.sequence())))
                .toList(), shown.nextAfter());
    }

    private record DebateHeader(String title, String description, String visibility, String openedBy, Instant openedAt,
                                long sequence) {
    }

    private DebateHeader header(String debateId) {
        Optional<DebateHeader> header = jdbc.sql("""
                        SELECT d.title, d.description, d.visibility, d.opened_by, d.opened_at, g.last_sequence
                        FROM debate d JOIN debate_progress g ON g.debate_id = d.debate_id
                        WHERE d.debate_id = :debateId""")
                .param("debateId", debateId)
                .query((rs, row) -> new DebateHeader(rs.getString("title"), rs.getString("description"),
                        rs.getString("visibility"), rs.getString("opened_by"),
                        Rows.instant(rs, "opened_at"), rs.getLong("last_sequence")))
                .optional();
        return header.orElseThrow(() -> new NotFoundException("debateId", "names no debate known to the read model"));
    }

    private String displayName(String debateId, String participantId) {
        return jdbc.sql("SELECT display_name FROM participant WHERE debate_id = :debateId AND participant_id = :participantId")
                .param("debateId", debateId)
                .param("participantId", participantId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> new NotFoundException("participantId", "never joined this debate"));
    }

    private static List<String> strings(Array array) throws SQLException {
        return Rows.strings(array);
    }
}
