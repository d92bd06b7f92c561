package dev.ledger.events;

/**
 * The owner ({@code invitedBy}) invited an account ({@code handle}) to a debate as a member or an observer; the
 * handle may then join with that role (and, in a private debate, read it before joining).
 */
public record ParticipantInvited(String debateId, String handle, Role role, String invitedBy) implements DebateEvent {

    public ParticipantInvited {
        Require.text(debateId, "debateId");
        Require.text(handle, "handle");
        Require.assignableRole(role, "role");
        Require.text(invitedBy, "invitedBy");
    }
}
