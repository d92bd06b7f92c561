package dev.ledger.command.storage;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The check that a debate taken from the aggregate cache is still the one in the event store (another instance may
 * have appended to it, see {@link DebateCache}), made once per command and only where it can change the answer.
 * <p>
 * A command that appends to the debate needs no check: its events take the sequence numbers after the cached version,
 * and if another instance has written those, the unique (debate, sequence) key refuses the append and the command runs
 * again on the stored debate. Only a command that appends nothing (a refusal, an unchanged view) could answer from
 * stale state unnoticed. So the cache notes the version it handed out in the command's unit of work; the append
 * crosses the debate off; {@link #verifyUnappended()}, called by the command's execution before it commits and before
 * it answers a refusal, asks the event store about the rest (one indexed query each) and throws a
 * {@link ConcurrencyException} for a stale one, which rolls the unit of work back (evicting the entry) and runs the
 * command again.
 */
public final class CachedDebateChecks {

    private static final String HANDED_OUT = CachedDebateChecks.class.getName() + ".handedOut";

    private final Function<String, Optional<Long>> storedVersion;

    /** @param storedVersion the sequence number of a debate's last event in the event store (empty: none) */
    public CachedDebateChecks(Function<String, Optional<Long>> storedVersion) {
        this.storedVersion = storedVersion;
    }

    /** False when the store holds a newer version of the debate than the cached {@code version}. */
    boolean isCurrent(String debateId, Long version) {
        return Objects.equals(version, storedVersion.apply(debateId).orElse(null));
    }

    /** Notes a cached debate handed out to the current command; false when no command runs (check at once then). */
    boolean deferred(String debateId, Long version) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        handedOut(CurrentUnitOfWork.get()).put(debateId, version);
        return true;
    }

    /** The current command appended to the debate: the append itself fails if the cached version was stale. */
    static void appended(String debateId) {
        if (CurrentUnitOfWork.isStarted()) {
            handedOut(CurrentUnitOfWork.get()).remove(debateId);
        }
    }

    /**
     * Checks the cached debates the current command used and appended nothing to; throws {@link ConcurrencyException}
     * for one the event store holds newer. Each is checked once.
     */
    public void verifyUnappended() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        Map<String, Long> unchecked = handedOut(CurrentUnitOfWork.get());
        for (Map.Entry<String, Long> debate : new HashMap<>(unchecked).entrySet()) {
            unchecked.remove(debate.getKey());
            if (!isCurrent(debate.getKey(), debate.getValue())) {
                throw new ConcurrencyException("debate " + debate.getKey() + " changed in the event store after version "
                        + debate.getValue() + " was cached here (another instance appended to it)");
            }
        }
    }

    private static Map<String, Long> handedOut(UnitOfWork<?> unitOfWork) {
        return unitOfWork.root().getOrComputeResource(HANDED_OUT, key -> new HashMap<>());
    }
}
