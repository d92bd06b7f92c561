package dev.ledger.query.projection;

import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Tells waiting readers that the projection committed something, so a read-your-writes query re-checks the
 * database on change instead of polling it hard. A version counter makes a notification between a reader's
 * check and its wait impossible to miss.
 */
@Component
public class ProjectionSignal {

    private final Object monitor = new Object();
    private long version;

    public long version() {
        synchronized (monitor) {
            return version;
        }
    }

    void committed() {
        synchronized (monitor) {
            version++;
            monitor.notifyAll();
        }
    }

    /** Waits until something is committed after {@code seenVersion}, or at most {@code timeout}. */
    public void awaitChangeAfter(long seenVersion, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (version == seenVersion) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
                if (remainingMillis <= 0) {
                    return;
                }
                monitor.wait(remainingMillis);
            }
        }
    }
}
