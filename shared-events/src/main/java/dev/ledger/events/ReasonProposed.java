package dev.ledger.events;

/**
 * A participant ({@code by}) proposed a reason for or against a claim, optionally in reply to another
 * reason of the same debate ({@code inReplyTo} is null otherwise).
 */
public record ReasonProposed(
        String debateId, String reasonId, String claimId, Stance stance, String text, String by, String inReplyTo)
        implements DebateEvent {

    public ReasonProposed {
        Require.text(debateId, "debateId");
        Require.text(reasonId, "reasonId");
        Require.text(claimId, "claimId");
        Require.present(stance, "stance");
        Require.text(text, "text");
        Require.text(by, "by");
    }
}
