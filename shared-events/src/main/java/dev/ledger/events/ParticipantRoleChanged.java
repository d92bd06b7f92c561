package dev.ledger.events;

/** The owner ({@code changedBy}) gave a participant another role (member or observer). */
public record ParticipantRoleChanged(String debateId, String participantId, Role role, String changedBy) implements DebateEvent {

    public ParticipantRoleChanged {
        Require.text(debateId, "debateId");
        Require.text(participantId, "participantId");
        Require.assignableRole(role, "role");
        Require.text(changedBy, "changedBy");
    }
}
