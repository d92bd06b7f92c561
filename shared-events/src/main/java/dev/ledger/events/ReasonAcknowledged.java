package dev.ledger.events;

/** A participant ({@code by}) acknowledged someone else's reason. {@code note} may be null. */
public record ReasonAcknowledged(String debateId, String reasonId, String by, AcknowledgementKind kind, String note)
        implements DebateEvent {

    public ReasonAcknowledged {
        Require.text(debateId, "debateId");
        Require.text(reasonId, "reasonId");
        Require.text(by, "by");
        Require.present(kind, "kind");
    }
}
