package dev.ledger.command.api;

import dev.ledger.command.problem.DatabaseUnavailable;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Lets one command per debate at a time (per instance) into {@link CommandExecution}, before it takes a database
 * connection. Commands on one debate run one at a time anyway (Axon's lock on the debate), but that lock is taken
 * inside the transaction: without this, every command queued on a busy debate held one of the pool's connections
 * while it waited, so forty clients on one debate exhausted the pool and everyone else's requests failed after the
 * connection timeout. Waiting here is bounded by the same {@code ledger.lock-wait} (LEDGER_LOCK_WAIT) and answered the
 * same way, 503 busy with Retry-After.
 * <p>
 * When a command finds the database unreachable, the commands that queued behind it meanwhile answer the same 503
 * (unavailable) at once instead of each waiting out its own connection timeout in turn.
 * <p>
 * Debates map onto a fixed set of fair semaphores, so nothing grows with the number of debates; two debates sharing
 * one only wait for each other's commands, which are short.
 */
@Component
public class DebateAdmission {

    private static final int STRIPES = 4096;

    private final Semaphore[] stripes = new Semaphore[STRIPES];
    private final Duration wait;
    /** When a command last found the database unreachable (System.nanoTime). */
    private volatile long databaseUnreachableAt = System.nanoTime() - TimeUnit.DAYS.toNanos(1);

    DebateAdmission(@Value("${ledger.lock-wait:3s}") Duration wait) {
        this.wait = wait;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Semaphore(1, true);
        }
    }

    /** Runs {@code work} once no other command of the debate runs here; a command that opens a debate passes null. */
    public <T> T admit(String debateId, Supplier<T> work) {
        if (debateId == null) {
            return work.get();
        }
        Semaphore turn = stripes[Math.floorMod(debateId.hashCode(), STRIPES)];
        long arrived = System.nanoTime();
        try {
            if (!turn.tryAcquire(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new LockAcquisitionFailedException("commands ahead on the debate took longer than " + wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockAcquisitionFailedException("interrupted while waiting for the debate's turn");
        }
        try {
            if (databaseUnreachableAt - arrived > 0) {
                throw new DataAccessResourceFailureException("the event store database was unreachable for a command ahead"
                        + " of this one on the debate");
            }
            return noticingAnUnreachableDatabase(work);
        } finally {
            turn.release();
        }
    }

    private <T> T noticingAnUnreachableDatabase(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causeIn(e) != null) {
                databaseUnreachableAt = System.nanoTime();
            }
            throw e;
        }
    }
}
