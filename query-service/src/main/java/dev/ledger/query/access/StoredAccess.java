package dev.ledger.query.access;

import dev.ledger.events.DebateOpened;
import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.ParticipantInvited;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.UnreadableEventException;
import dev.ledger.events.Visibility;
import dev.ledger.query.eventstore.EventStoreClient;
import dev.ledger.query.eventstore.EventStoreClient.DebateEvents;
import dev.ledger.web.security.Reader;
import org.springframework.stereotype.Component;

import java.util.Objects;
import java.util.Optional;

/**
 * Who may read a debate according to the events the read model has not applied yet, asked of the command-service's
 * event feed: for a reader who waits for a sequence ({@code ?minSequence=}, {@code ?atSequence=}) that the
 * projection has not reached, so that access is decided at once, as of that sequence, instead of after the wait.
 * The same rule as {@link DebateAccess}: a public debate, the opener, an invited handle, a participant, an admin.
 * Readability only ever grows (nothing in a debate's stream makes it private again or removes a participant or an
 * invitation), so what the event store grants the projection grants once it has caught up.
 */
@Component
class StoredAccess {

    /** The most not-yet-applied events looked at; a projection further behind than that is a rare, passing state. */
    static final int MAX_EVENTS = 1000;

    private final EventCodec codec = new EventCodec();
    private final EventStoreClient eventStore;

    StoredAccess(EventStoreClient eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * Whether the debate's stored events {@code fromSequence..upToSequence} grant the reader access; false as well when
     * the event store does not know the debate. Throws {@link dev.ledger.query.eventstore.EventStoreUnavailable}
     * when it cannot be asked.
     */
    boolean grants(String debateId, Reader reader, long fromSequence, long upToSequence) {
        int limit = (int) Math.min(MAX_EVENTS, upToSequence - fromSequence + 1);
        Optional<DebateEvents> events = eventStore.events(debateId, fromSequence, limit);
        if (events.isEmpty() || events.get().events().isEmpty()) {
            return false;
        }
        if (reader.admin()) {
            return true;
        }
        for (String json : events.get().events()) {
            if (grants(json, reader.handle())) {
                return true;
            }
        }
        return false;
    }

    private boolean grants(String json, String handle) {
        EventEnvelope envelope;
        try {
            envelope = codec.fromJson(json);
        } catch (UnreadableEventException e) {
            return false; // an event this reader cannot decode grants nothing (the projection parks it too)
        }
        if (envelope.payload() instanceof DebateOpened opened) {
            return opened.visibility() == Visibility.PUBLIC || (handle != null && handle.equals(opened.openedBy()));
        }
        if (envelope.payload() instanceof ParticipantInvited invited) {
            return Objects.equals(handle, invited.handle());
        }
        return envelope.payload() instanceof ParticipantJoined joined && Objects.equals(handle, joined.participantId());
    }
}
