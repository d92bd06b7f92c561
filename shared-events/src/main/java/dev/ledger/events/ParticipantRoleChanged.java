package dev.ledger.events;

/** The owner ({@code changedBy}) gave a participant another role (member or observer). */
public record ParticipantRoleChanged(String debateId, String participantId, Role role, String changedBy) implements DebateEvent {

    public ParticipantRoleChanged {
        Require.text(debateId, "debateId");
        Require.text(participantId, "participantId");
        Require.present(role, "role");
        if (role == Role.OWNER) {
            throw new IllegalArgumentException("role must be member or observer: a debate has one owner, its opener");
        }
        Require.text(changedBy, "changedBy");
    }
}
