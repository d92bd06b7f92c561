package dev.ledger.query.claim;

import dev.ledger.query.api.Views.AcknowledgementView;

import java.time.Instant;
import java.util.List;

/**
 * One claim as it stood right after debate sequence {@code sequence}: its reasons as a tree, how the participants'
 * current credences are spread, and each participant's path to their credence. Reasons and trajectory points (view
 * changes) come a page at a time, together in sequence order; {@code nextAfter} is the {@code ?after=} of the next
 * page, null on the last. The distribution counts every participant on every page.
 */
public record ClaimDetailView(String debateId, String claimId, String statement, String by, Instant statedAt, long sequence,
                              List<ReasonNode> reasons, CredenceDistribution credences, List<Trajectory> trajectories,
                              Long nextAfter) {

    /** A reason and the replies to it, in the order they were proposed. */
    public record ReasonNode(String reasonId, String stance, String text, String by, String inReplyTo, Instant proposedAt,
                             List<AcknowledgementView> acknowledgements, List<ReasonNode> replies) {
    }

    /** One participant's view changes on the claim, oldest first. */
    public record Trajectory(String participantId, List<TrajectoryPoint> points) {
    }

    public record TrajectoryPoint(long sequence, Instant at, double credence) {
    }
}
