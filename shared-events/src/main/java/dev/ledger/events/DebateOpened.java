package dev.ledger.events;

/**
 * A debate was opened by {@code openedBy}, its owner. {@code description} may be null; so may {@code openedBy}
 * for debates opened before accounts existed (version 1, upcast by {@link PayloadUpcaster}): they have no owner
 * and are {@link Visibility#PUBLIC}.
 */
public record DebateOpened(String debateId, String title, String description, String openedBy, Visibility visibility)
        implements DebateEvent {

    public DebateOpened {
        Require.text(debateId, "debateId");
        Require.text(title, "title");
        if (openedBy != null) {
            Require.text(openedBy, "openedBy");
        }
        Require.present(visibility, "visibility");
    }
}
