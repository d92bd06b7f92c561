package dev.ledger.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * The wire name and current schema version of every event. The wire name never changes once written;
 * a change of shape raises the version and adds an upcaster, so old events stay readable.
 */
public enum EventType {
    DEBATE_OPENED("DebateOpened", DebateOpened.class, 2),
    PARTICIPANT_JOINED("ParticipantJoined", ParticipantJoined.class, 2),
    PARTICIPANT_INVITED("ParticipantInvited", ParticipantInvited.class, 1),
    PARTICIPANT_ROLE_CHANGED("ParticipantRoleChanged", ParticipantRoleChanged.class, 1),
    CLAIM_STATED("ClaimStated", ClaimStated.class, 1),
    REASON_PROPOSED("ReasonProposed", ReasonProposed.class, 1),
    REASON_ACKNOWLEDGED("ReasonAcknowledged", ReasonAcknowledged.class, 1),
    VIEW_UPDATED("ViewUpdated", ViewUpdated.class, 2),
    CLAIM_RESOLVED("ClaimResolved", ClaimResolved.class, 1),
    CLAIM_RESOLUTION_ANNULLED("ClaimResolutionAnnulled", ClaimResolutionAnnulled.class, 1);

    private final String wireName;
    private final Class<? extends DebateEvent> payloadClass;
    private final int currentVersion;

    EventType(String wireName, Class<? extends DebateEvent> payloadClass, int currentVersion) {
        this.wireName = wireName;
        this.payloadClass = payloadClass;
        this.currentVersion = currentVersion;
    }

    public String wireName() {
        return wireName;
    }

    public Class<? extends DebateEvent> payloadClass() {
        return payloadClass;
    }

    public int currentVersion() {
        return currentVersion;
    }

    public static Optional<EventType> named(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }

    public static EventType of(DebateEvent event) {
        return ofClass(event.getClass());
    }

    public static EventType ofClass(Class<?> payloadClass) {
        return Arrays.stream(values())
                .filter(type -> type.payloadClass.equals(payloadClass))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a ledger event: " + payloadClass.getName()));
    }
}
