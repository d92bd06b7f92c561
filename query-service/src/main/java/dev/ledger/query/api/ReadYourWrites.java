package dev.ledger.query.api;

import dev.ledger.query.problem.NotReadyException;
import dev.ledger.query.problem.TooManyWaitingException;
import dev.ledger.query.projection.ProjectionSignal;
import dev.ledger.web.request.RequestParams;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Waits, bounded, until a debate's projection has reached a sequence the caller already knows exists (the
 * command side returned it). What this instance's projection committed is known without a query
 * ({@link ProjectionSignal#committedSequence}); the database is asked once at the start (another instance, or
 * this one before a restart, may have written it) and then every {@code recheckInterval} (other writers), and
 * the waiter is woken only by commits of its own debate. Many waiters therefore cost the database almost nothing,
 * but each holds a request thread: their number is bounded ({@code ledger.query.max-waiting}). Whether a debate may
 * be waited for at all (it exists, and the caller may read it) is decided before any controller runs, by
 * {@code dev.ledger.query.access.DebateReadGuard}: a debate that exists nowhere is 404 at once there.
 */
@Component
public class ReadYourWrites {

    public static final String MIN_SEQUENCE_DOC = "Wait (bounded) until the debate's projection has applied at least this sequence";

    /** {@code maxWaiting}: how many requests may wait at once (LEDGER_MAX_WAITING_READS); more are answered 503 at once. */
    @ConfigurationProperties("ledger.query")
    record Settings(@DefaultValue("5s") Duration readYourWritesTimeout, @DefaultValue("250ms") Duration recheckInterval,
                    @DefaultValue("64") int maxWaiting) {
    }

    private final DebateQueries queries;
    private final ProjectionSignal signal;
    private final Settings settings;
    private final Semaphore waiting;

    ReadYourWrites(DebateQueries queries, ProjectionSignal signal, Settings settings, MeterRegistry meters) {
        this.queries = queries;
        this.signal = signal;
        this.settings = settings;
        this.waiting = new Semaphore(settings.maxWaiting());
        Gauge.builder("ledger.query.waiting", waiting, free -> settings.maxWaiting() - free.availablePermits())
                .description("Requests waiting for a debate's projection to reach their minSequence or atSequence")
                .register(meters);
    }

    /**
     * Waits for the {@code ?minSequence=} parameter as sent (a sequence, 1 or more; 400 otherwise); null asks for no
     * wait.
     */
    public void awaitIfAsked(String debateId, String minSequence) {
        if (minSequence != null) {
            awaitSequence(debateId, RequestParams.wholeNumber("minSequence", minSequence, 1));
        }
    }

    public void awaitSequence(String debateId, long minSequence) {
        awaitSequence(debateId, minSequence, "minSequence");
    }

    /**
     * As {@link #awaitSequence(String, long)}; a 503 names {@code field} as the parameter that asked. When
     * {@code ledger.query.max-waiting} requests already wait, 503 at once.
     */
    public void awaitSequence(String debateId, long minSequence, String field) {
        if (signal.committedSequence(debateId) >= minSequence) {
            return;
        }
        if (!waiting.tryAcquire()) {
            throw new TooManyWaitingException(field, settings.maxWaiting());
        }
        try {
            awaitWithPermit(debateId, minSequence, field);
        } finally {
            waiting.release();
        }
    }

    private void awaitWithPermit(String debateId, long minSequence, String field) {
        long deadline = System.nanoTime() + settings.readYourWritesTimeout().toNanos();
        long recheck = Math.max(1, settings.recheckInterval().toNanos());
        try (ProjectionSignal.Waiter waiter = signal.register(debateId, minSequence)) {
            long reached = queries.lastSequence(debateId);
            long nextCheck = System.nanoTime() + recheck;
            while (true) {
                long committed = signal.committedSequence(debateId);
                if (reached >= minSequence || committed >= minSequence) {
                    return;
                }
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    throw new NotReadyException(minSequence, Math.max(reached, committed), field);
                }
                boolean woken;
                try {
                    woken = waiter.await(Math.min(deadline - now, nextCheck - now));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new NotReadyException(minSequence, Math.max(reached, signal.committedSequence(debateId)), field);
                }
                now = System.nanoTime();
                // Woken by a commit of this debate: the map answers. Woken by another writer, or time to look
                // (also once more at the deadline): ask the database.
                if (signal.committedSequence(debateId) < minSequence && (woken || now - nextCheck >= 0 || now - deadline >= 0)) {
                    reached = Math.max(reached, queries.lastSequence(debateId));
                    nextCheck = now + recheck;
                }
            }
        }
    }
}
