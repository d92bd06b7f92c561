package dev.ledger.events;

/**
 * Something that happened in a debate. The set is closed: every event the ledger has ever written
 * is one of these, and {@link EventType} names each with its wire name and current version.
 */
public sealed interface DebateEvent
        permits DebateOpened, ParticipantJoined, ParticipantInvited, ParticipantRoleChanged, ClaimStated, ReasonProposed,
        ReasonAcknowledged, ViewUpdated, ClaimResolved, ClaimResolutionAnnulled {

    /** The debate this event belongs to; also the Kafka key, so one debate's events stay in order. */
    String debateId();
}
