package dev.ledger.bench.machine;

import dev.ledger.bench.workload.LedgerClient;

import java.time.Duration;

/**
 * Warming a service up in steps until its JIT compilers are done: they count as done when they worked less than a
 * tenth of a step in one. On 2 cores a loaded service leaves its compilers little CPU, and a phase measured while they
 * still work measures them (see ThroughputFigures and QueryLatencyFigures, which warm up the command and query paths).
 *
 * @param steps          the steps run
 * @param lastStepMillis what the compilers worked in the last step, in ms; NaN when the service's metrics could not be read
 * @param step           the length of a step, of which a tenth is the threshold
 */
public record JitSettling(int steps, double lastStepMillis, Duration step) {

    /** One step of load: runs the step's length, the caller's way. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    /**
     * Runs {@code oneStep} while the deadline has not passed, scraping the service's metrics around each, until the
     * compilers worked under a tenth of {@code step} in one (or the metrics cannot be read).
     */
    public static JitSettling settle(LedgerClient client, String serviceUrl, Duration step, long deadlineNanos, Step oneStep)
            throws Exception {
        int steps = 0;
        double lastStepMillis = Double.NaN;
        while (System.nanoTime() < deadlineNanos) {
            ServiceMetrics before = ServiceMetrics.scrape(client, serviceUrl);
            oneStep.run();
            ServiceMetrics during = ServiceMetrics.scrape(client, serviceUrl).since(before);
            steps++;
            if (!during.available()) {
                break;
            }
            lastStepMillis = during.compilationMillis();
            if (lastStepMillis < step.toMillis() / 10.0) {
                break;
            }
        }
        return new JitSettling(steps, lastStepMillis, step);
    }

    /** Whether the compilers were read at all. */
    public boolean measured() {
        return !Double.isNaN(lastStepMillis);
    }

    /** Whether they worked under a tenth of the last step (else the deadline came first, or they were not read). */
    public boolean settled() {
        return lastStepMillis < step.toMillis() / 10.0;
    }
}
