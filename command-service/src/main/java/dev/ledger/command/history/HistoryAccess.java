package dev.ledger.command.history;

import dev.ledger.events.DebateOpened;
import dev.ledger.events.ParticipantInvited;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.Visibility;
import dev.ledger.web.problem.ForbiddenException;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.security.Reader;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * Who may read a debate's history (checkpoint, proofs) and who may export it, decided from the debate's own events as
 * the query side decides reads: a public debate anyone; a private one its opener, invited handles, participants;
 * every debate admins and the service token. Export: the opener (the owner) and admins. A debate the reader may not
 * read answers exactly like one that does not exist (404 naming debateId), so an answer never confirms that a
 * private debate exists.
 * <p>
 * The events come through Axon's storage engine (upcast, as the aggregate sees them) and are read only as far as
 * needed: a public debate is decided by its first event.
 */
@Component
class HistoryAccess {

    private final EventStorageEngine storageEngine;

    HistoryAccess(EventStorageEngine storageEngine) {
        this.storageEngine = storageEngine;
    }

    void requireRead(String debateId, Reader reader) {
        if (!mayRead(debateId, reader)) {
            throw unknown();
        }
    }

    /** Export is the owner's or an admin's; anyone else who may read gets 403, anyone who may not the same 404. */
    void requireExport(String debateId, Reader reader) {
        requireRead(debateId, reader);
        if (!reader.admin() && (reader.handle() == null || !reader.handle().equals(opener(debateId)))) {
            throw new ForbiddenException("debateId",
                    "only the debate's owner, an admin account or the service token may export it");
        }
    }

    static NotFoundException unknown() {
        return new NotFoundException("debateId", "names no debate this ledger holds");
    }

    private boolean mayRead(String debateId, Reader reader) {
        DomainEventStream events = storageEngine.readEvents(debateId);
        if (!events.hasNext()) {
            return false;
        }
        if (reader.admin()) {
            return true;
        }
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            Object payload = event.getPayload();
            if (payload instanceof DebateOpened opened) {
                if (opened.visibility() == Visibility.PUBLIC || Objects.equals(reader.handle(), opened.openedBy())) {
                    return true;
                }
            } else if (reader.handle() == null) {
                return false; // a private debate: nothing further grants an anonymous reader
            } else if (payload instanceof ParticipantInvited invited && reader.handle().equals(invited.handle())) {
                return true;
            } else if (payload instanceof ParticipantJoined joined && reader.handle().equals(joined.participantId())) {
                return true;
            }
        }
        return false;
    }

    private String opener(String debateId) {
        DomainEventStream events = storageEngine.readEvents(debateId);
        return events.hasNext() && events.next().getPayload() instanceof DebateOpened opened ? opened.openedBy() : null;
    }
}
