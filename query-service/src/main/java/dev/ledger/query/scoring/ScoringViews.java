package dev.ledger.query.scoring;

import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the scoring API. Every per-debate answer carries the debate {@code sequence} it reflects. Scores
 * are as {@link ClaimScoring} computes them (docs/scoring.md); a score is null where its average has no time to
 * average over.
 */
public final class ScoringViews {

    private ScoringViews() {
    }

    /** One participant's scores on one claim; {@code heldFor}: seconds they held a view before the resolution. */
    public record ParticipantScoreView(String participantId, Double brier, Double log, Double baseline, Double peer,
                                       double heldFor) {
    }

    /** A resolved claim's scores, participants in the order of their first view, a page at a time. */
    public record ClaimScoresView(String debateId, String claimId, long sequence, boolean outcome, Instant statedAt,
                                  Instant resolvedAt, List<ParticipantScoreView> participants, Long nextAfter) {
    }

    /**
     * A participant's scores averaged over the {@code claims} resolved claims they held a view on (Brier and log over
     * those where they held one for some time).
     */
    public record ScoreSummary(String participantId, int claims, Double brier, Double log, Double baseline, Double peer) {
    }

    /** Every participant's averages over the debate's claims resolved at {@code sequence} ({@code resolvedClaims}). */
    public record DebateScoresView(String debateId, long sequence, int resolvedClaims, List<ScoreSummary> participants,
                                   Long nextAfter) {
    }

    /** One debate's averages for the participant, as of the debate's last applied {@code sequence}. */
    public record DebateScoreSummary(String debateId, String title, long sequence, int claims, Double brier, Double log,
                                     Double baseline, Double peer) {
    }

    /** A participant's averages per debate they joined that the caller may read, debates in the order they were opened. */
    public record ParticipantScoresView(String participantId, List<DebateScoreSummary> debates, Long nextAfter) {
    }

    /**
     * A reason's credit on a resolved claim: the log-score points of the view changes on the claim that cite it
     * ({@code movedParticipants}: whose changes gave it nonzero points). {@code claimId} is the reason's own claim.
     */
    public record CreditedReason(int rank, String reasonId, String claimId, String text, String stance, String author,
                                 double credit, List<String> movedParticipants) {
    }

    /**
     * The reasons credited by a resolved claim's view changes and the claim's own reasons, by credit descending;
     * {@code uncited}: the points of view changes citing no reason.
     */
    public record ReasonCreditView(String debateId, String claimId, long sequence, boolean outcome, Instant resolvedAt,
                                   double uncited, List<CreditedReason> reasons, Long nextAfter) {
    }

    /** An opposing reason and how the participant engaged with it: acknowledged, replied, cited, or ["none"]. */
    public record OpposingReasonView(String reasonId, String stance, String text, String author, List<String> engagement) {
    }

    /** A participant's engagement on a claim at {@code sequence}; {@code coverage} = engaged / opposing, null if none. */
    public record EngagementView(String debateId, String participantId, String claimId, long sequence, Double credence,
                                 List<OpposingReasonView> opposing, int engaged, Double coverage) {
    }

    public record ParticipantCoverage(String participantId, Double credence, int opposing, int engaged, Double coverage) {
    }

    /** Each participant who had joined by {@code sequence}, in the order they joined, a page at a time. */
    public record ClaimEngagementView(String debateId, String claimId, long sequence, List<ParticipantCoverage> participants,
                                      Long nextAfter) {
    }
}
