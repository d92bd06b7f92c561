package dev.ledger.events;

/**
 * A participant joined a debate with a role; only participants who joined may act in it, as their role allows.
 * Version 1 had no role: those participants are {@link Role#MEMBER}s (upcast by {@link PayloadUpcaster}).
 */
public record ParticipantJoined(String debateId, String participantId, String displayName, Role role) implements DebateEvent {

    public ParticipantJoined {
        Require.text(debateId, "debateId");
        Require.text(participantId, "participantId");
        Require.text(displayName, "displayName");
        Require.present(role, "role");
    }
}
