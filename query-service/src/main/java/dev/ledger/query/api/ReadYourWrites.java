package dev.ledger.query.api;

import dev.ledger.query.problem.NotReadyException;
import dev.ledger.query.projection.ProjectionSignal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Waits, bounded, until a debate's projection has reached a sequence the caller already knows exists (the
 * command side returned it). Re-checks the database whenever the projector commits something, and at least
 * every {@code recheckInterval} (in case of another writer), never in a tight loop.
 */
@Component
public class ReadYourWrites {

    @ConfigurationProperties("ledger.query")
    record Settings(@DefaultValue("5s") Duration readYourWritesTimeout, @DefaultValue("250ms") Duration recheckInterval) {
    }

    private final DebateQueries queries;
    private final ProjectionSignal signal;
    private final Settings settings;

    ReadYourWrites(DebateQueries queries, ProjectionSignal signal, Settings settings) {
        this.queries = queries;
        this.signal = signal;
        this.settings = settings;
    }

    public void awaitSequence(String debateId, long minSequence) {
        awaitSequence(debateId, minSequence, "minSequence");
    }

    /** As {@link #awaitSequence(String, long)}; a 503 names {@code field} as the parameter that asked. */
    public void awaitSequence(String debateId, long minSequence, String field) {
        long deadline = System.nanoTime() + settings.readYourWritesTimeout().toNanos();
        while (true) {
            long seen = signal.version();
            long reached = queries.lastSequence(debateId);
            if (reached >= minSequence) {
                return;
            }
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new NotReadyException(minSequence, reached, field);
            }
            try {
                signal.awaitChangeAfter(seen, Duration.ofNanos(Math.min(remaining, settings.recheckInterval().toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotReadyException(minSequence, reached, field);
            }
        }
    }
}
