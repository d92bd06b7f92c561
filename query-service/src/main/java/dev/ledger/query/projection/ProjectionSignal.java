package dev.ledger.query.projection;

import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What this instance's projection has committed, per debate, for read-your-writes waiters: after each committed
 * batch {@link LiveProjection} (the listener's or a gap repair's) publishes the debates it advanced with their
 * new last sequence. A waiter asks {@link #committedSequence} (no database query) and waits on a {@link Waiter}
 * that is woken only by its own debate, when the debate's committed sequence reaches the waiter's minimum.
 * <p>
 * An entry never claims more than the tables hold: it is written after the transaction committed, and a rebuild
 * swaps in tables that are caught up with at least the live ones.
 */
@Component
public class ProjectionSignal {

    private final Map<String, Long> committed = new ConcurrentHashMap<>();
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();

    /** The last sequence this instance committed for the debate, 0 if none (the database may know more). */
    public long committedSequence(String debateId) {
        return committed.getOrDefault(debateId, 0L);
    }

    /** After a transaction committed: these debates reached these sequences. Wakes the waiters now satisfied. */
    void committed(Map<String, Long> lastSequences) {
        lastSequences.forEach((debateId, sequence) -> {
            long now = committed.merge(debateId, sequence, Math::max);
            Set<Waiter> waiting = waiters.get(debateId);
            if (waiting != null) {
                for (Waiter waiter : waiting) {
                    if (waiter.minSequence <= now) {
                        waiter.wake();
                    }
                }
            }
        });
    }

    /**
     * Registers a waiter for the debate; close it when done. Check {@link #committedSequence} after registering,
     * so a commit between that check and {@link Waiter#await} cannot be missed.
     */
    public Waiter register(String debateId, long minSequence) {
        Waiter waiter = new Waiter(debateId, minSequence);
        // compute/computeIfPresent are atomic per debate: a set is never dropped while a waiter is being added.
        waiters.compute(debateId, (id, set) -> {
            Set<Waiter> waiting = set == null ? ConcurrentHashMap.newKeySet() : set;
            waiting.add(waiter);
            return waiting;
        });
        return waiter;
    }

    /** Debates with at least one waiter (for tests and diagnostics). */
    int debatesWaitedFor() {
        return waiters.size();
    }

    public final class Waiter implements AutoCloseable {

        private final String debateId;
        private final long minSequence;
        private boolean woken;

        private Waiter(String debateId, long minSequence) {
            this.debateId = debateId;
            this.minSequence = minSequence;
        }

        private synchronized void wake() {
            woken = true;
            notifyAll();
        }

        /** Waits until woken (true; the wake-up is consumed) or at most {@code nanos} (false). */
        public synchronized boolean await(long nanos) throws InterruptedException {
            long deadline = System.nanoTime() + nanos;
            while (!woken) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, remaining);
            }
            woken = false;
            return true;
        }

        @Override
        public void close() {
            waiters.computeIfPresent(debateId, (id, set) -> {
                set.remove(this);
                return set.isEmpty() ? null : set;
            });
        }
    }
}
