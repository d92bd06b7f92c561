package dev.ledger.events;

/**
 * The debate's owner ({@code resolvedBy}) declared what turned out true about a claim: {@code outcome} true if the
 * claim held, false if it did not, with an optional {@code note} (null when none was given) saying how it was settled.
 * A claim is resolved at most once at a time; {@link ClaimResolutionAnnulled} withdraws a resolution.
 */
public record ClaimResolved(String debateId, String claimId, boolean outcome, String note, String resolvedBy)
        implements DebateEvent {

    public ClaimResolved {
        Require.text(debateId, "debateId");
        Require.text(claimId, "claimId");
        Require.text(resolvedBy, "resolvedBy");
    }
}
