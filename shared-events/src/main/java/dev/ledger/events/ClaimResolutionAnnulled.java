package dev.ledger.events;

/**
 * The debate's owner ({@code annulledBy}) withdrew the current resolution of a claim, saying why in {@code note}
 * (required); the claim is open again and may be resolved anew.
 */
public record ClaimResolutionAnnulled(String debateId, String claimId, String note, String annulledBy)
        implements DebateEvent {

    public ClaimResolutionAnnulled {
        Require.text(debateId, "debateId");
        Require.text(claimId, "claimId");
        Require.text(note, "note");
        Require.text(annulledBy, "annulledBy");
    }
}
