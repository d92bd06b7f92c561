package dev.ledger.events;

/** A participant joined a debate; only participants who joined may act in it. */
public record ParticipantJoined(String debateId, String participantId, String displayName) implements DebateEvent {

    public ParticipantJoined {
        Require.text(debateId, "debateId");
        Require.text(participantId, "participantId");
        Require.text(displayName, "displayName");
    }
}
