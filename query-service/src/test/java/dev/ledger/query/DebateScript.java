package dev.ledger.query;

import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.ClaimResolutionAnnulled;
import dev.ledger.events.ClaimResolved;
import dev.ledger.events.ClaimStated;
import dev.ledger.events.DebateEvent;
import dev.ledger.events.DebateOpened;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.ParticipantInvited;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.ParticipantRoleChanged;
import dev.ledger.events.ReasonAcknowledged;
import dev.ledger.events.ReasonProposed;
import dev.ledger.events.Role;
import dev.ledger.events.Stance;
import dev.ledger.events.ViewUpdated;
import dev.ledger.events.Visibility;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Writes one debate's events the way command-service would: sequence 1, 2, 3, ... one second apart. */
final class DebateScript {

    static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    final String debateId = UUID.randomUUID().toString();
    private final List<EventEnvelope> events = new ArrayList<>();

    List<EventEnvelope> events() {
        return List.copyOf(events);
    }

    long lastSequence() {
        return events.size();
    }

    /** The time command-service would stamp on the event with this sequence. */
    static Instant at(long sequence) {
        return START.plusSeconds(sequence);
    }

    /** A public debate without owner, as every debate opened before accounts existed. */
    EventEnvelope open(String title, String description) {
        return open(title, description, null, Visibility.PUBLIC);
    }

    EventEnvelope open(String title, String description, String openedBy, Visibility visibility) {
        return add(new DebateOpened(debateId, title, description, openedBy, visibility));
    }

    EventEnvelope join(String participantId, String displayName) {
        return join(participantId, displayName, Role.MEMBER);
    }

    EventEnvelope join(String participantId, String displayName, Role role) {
        return add(new ParticipantJoined(debateId, participantId, displayName, role));
    }

    EventEnvelope invite(String handle, Role role, String invitedBy) {
        return add(new ParticipantInvited(debateId, handle, role, invitedBy));
    }

    EventEnvelope changeRole(String participantId, Role role, String changedBy) {
        return add(new ParticipantRoleChanged(debateId, participantId, role, changedBy));
    }

    EventEnvelope claim(String claimId, String statement, String by) {
        return add(new ClaimStated(debateId, claimId, statement, by));
    }

    EventEnvelope reason(String reasonId, String claimId, Stance stance, String text, String by, String inReplyTo) {
        return add(new ReasonProposed(debateId, reasonId, claimId, stance, text, by, inReplyTo));
    }

    EventEnvelope acknowledge(String reasonId, String by, AcknowledgementKind kind, String note) {
        return add(new ReasonAcknowledged(debateId, reasonId, by, kind, note));
    }

    EventEnvelope view(String participantId, String claimId, double credence, Double previous, String rationale,
                       List<String> becauseOf) {
        return add(new ViewUpdated(debateId, participantId, claimId, credence, previous, rationale, becauseOf));
    }

    EventEnvelope resolve(String claimId, boolean outcome, String note, String by) {
        return add(new ClaimResolved(debateId, claimId, outcome, note, by));
    }

    EventEnvelope annul(String claimId, String note, String by) {
        return add(new ClaimResolutionAnnulled(debateId, claimId, note, by));
    }

    /** Takes up the next sequence without keeping an event (for records a test writes by hand). */
    long skipSequence() {
        events.add(null);
        return events.size();
    }

    private EventEnvelope add(DebateEvent event) {
        long sequence = events.size() + 1;
        EventEnvelope envelope = EventEnvelope.of(UUID.randomUUID().toString(), sequence, at(sequence), event);
        events.add(envelope);
        return envelope;
    }
}
