package dev.ledger.events;

/** A participant ({@code by}) stated a claim that others can hold a credence on. */
public record ClaimStated(String debateId, String claimId, String statement, String by) implements DebateEvent {

    public ClaimStated {
        Require.text(debateId, "debateId");
        Require.text(claimId, "claimId");
        Require.text(statement, "statement");
        Require.text(by, "by");
    }
}
