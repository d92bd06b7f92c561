package dev.ledger.events;

/** A debate was opened. {@code description} may be null. */
public record DebateOpened(String debateId, String title, String description) implements DebateEvent {

    public DebateOpened {
        Require.text(debateId, "debateId");
        Require.text(title, "title");
    }
}
