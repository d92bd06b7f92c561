package dev.ledger.query.influence;

import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of the influence API. Every answer carries the debate {@code sequence} it reflects. Shift numbers
 * are credence differences rounded to 12 decimal places (so 0.7 - 0.4 reads 0.3, not 0.29999999999999993).
 */
public final class InfluenceViews {

    private InfluenceViews() {
    }

    /** A reason as proposed. Fields other than reasonId are null only if the read model cannot resolve the id. */
    public record ReasonRef(String reasonId, String claimId, String stance, String text, String author, String inReplyTo,
                            Instant proposedAt) {
    }

    /**
     * A reason's influence: {@code citations} view changes cite it (first views included); {@code totalShift} is the
     * sum of |attributed shift|; {@code shiftTowardsStance} the signed sum, positive when participants moved the way the
     * reason argues; {@code participantsMoved} counts participants with a nonzero attributed shift. {@code credit}: the
     * log-score points (docs/scoring.md) of the citing changes on claims resolved at that point, null when none is.
     */
    public record Influence(long citations, double totalShift, double shiftTowardsStance, long participantsMoved,
                            Double credit) {

        Influence withCredit(Double credit) {
            return new Influence(citations, totalShift, shiftTowardsStance, participantsMoved, credit);
        }
    }

    /**
     * One view change citing a reason. {@code shift} = to - from and {@code attributedShift} = shift / (number of
     * reasons the change cites); both null for a participant's first view on the claim (no from). {@code credit}: the
     * change's log-score points split among the reasons it cites (a first view moves from 0.5; docs/scoring.md), once
     * its claim is resolved at that point; null before.
     */
    public record Citation(long sequence, String participantId, String claimId, Double from, double to, Double shift,
                           Double attributedShift, Double credit, Instant changedAt, String rationale) {
    }

    /** {@code citedBy}: one page of the citing view changes; {@code nextAfter} is the next page's {@code ?after=}, null on the last. */
    public record ReasonInfluenceView(String debateId, long sequence, ReasonRef reason, Influence influence,
                                      List<Citation> citedBy, Long nextAfter) {
    }

    /** {@code matching}: how many reasons pass the filters before {@code limit} cuts the list. */
    public record RankingView(String debateId, long sequence, String claimId, boolean includeUncited, int limit,
                              long matching, List<RankedReason> reasons) {
    }

    public record RankedReason(int rank, ReasonRef reason, Influence influence) {
    }

    public record ParticipantInfluencesView(String debateId, String participantId, String displayName, long sequence,
                                            String claimId, int limit, long matching,
                                            List<ParticipantInfluence> reasons) {
    }

    /**
     * A reason as it moved one participant: the same definitions, counting only that participant's view changes;
     * {@code citedIn} lists the first 100 of them ({@code citations} counts all).
     */
    public record ParticipantInfluence(int rank, ReasonRef reason, long citations, double totalShift,
                                       double shiftTowardsStance, Double credit, List<Citation> citedIn) {
    }
}
