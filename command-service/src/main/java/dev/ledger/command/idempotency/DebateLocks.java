package dev.ledger.command.idempotency;

import org.springframework.stereotype.Component;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Commands on one debate run one at a time in this instance, from before their transaction starts until after
 * it has committed or rolled back. Axon's own aggregate lock ends with its unit of work, before the request's
 * transaction commits; holding this one until the end means the next command on the debate starts from
 * committed state (the cached aggregate never shows it an uncommitted change) and does not waste an attempt
 * on a concurrency conflict. Waiting happens before a database connection is taken.
 * <p>
 * Striped: debates share a fixed set of locks by hash, so memory does not grow with the number of debates;
 * two debates on one stripe only wait for each other, which is rare with {@link #STRIPES} stripes.
 */
@Component
public class DebateLocks {

    static final int STRIPES = 1024;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public DebateLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The lock of {@code debateId}'s stripe; lock it, and unlock it in a finally block. */
    public ReentrantLock of(String debateId) {
        return locks[Math.floorMod(debateId.hashCode(), STRIPES)];
    }
}
