package dev.ledger.query.api;

import dev.ledger.query.eventstore.EventStoreClient;
import dev.ledger.query.eventstore.EventStoreUnavailable;
import dev.ledger.web.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether a debate exists, for a request about to wait for it ({@code ?minSequence=}, {@code ?atSequence=}): the
 * read model knows it, or else the event store does (its first events may still be on their way here). A debate
 * neither knows is answered 404 at once instead of holding a request thread for the whole wait. (Who may read a
 * debate, and so whether to wait for it at all, is decided before: {@code dev.ledger.query.access.DebateReadGuard}.)
 */
@Component
public class DebateExistence {

    private static final Logger log = LoggerFactory.getLogger(DebateExistence.class);

    private final DebateQueries queries;
    private final EventStoreClient eventStore;

    DebateExistence(DebateQueries queries, EventStoreClient eventStore) {
        this.queries = queries;
        this.eventStore = eventStore;
    }

    /** Returns when the debate exists (or the event store cannot say); 404 naming debateId otherwise. */
    public void requireExists(String debateId) {
        if (queries.lastSequence(debateId) > 0) {
            return;
        }
        boolean stored;
        try {
            stored = eventStore.events(debateId, 1, 1).isPresent();
        } catch (EventStoreUnavailable e) {
            // Cannot tell: the wait stays bounded in time and in number, so waiting is the safe answer.
            log.debug("Could not ask the event store whether debate {} exists: {}", debateId, e.getMessage());
            return;
        }
        if (!stored) {
            throw new NotFoundException("debateId", "names no debate");
        }
    }
}
