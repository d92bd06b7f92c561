package dev.ledger.system;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The reliability suite's shared state: one restartable ledger for all *ReliabilityIT classes (started by the
 * first, stopped after the last), and one summary line per scenario printed when the whole run ends, to stdout
 * and to {@code target/reliability-summary.txt}.
 * <p>
 * Scenarios share the processes but not their assertions: each works on debates it opened itself and counts only
 * those.
 */
final class ReliabilitySuite implements BeforeAllCallback, AfterTestExecutionCallback {

    private static final List<ScenarioTally> TALLIES = new ArrayList<>();
    private static volatile RunningLedger ledger;
    private static volatile ScenarioTally current;

    /** The ledger of the run; valid inside tests of classes extended with this extension. */
    static RunningLedger ledger() {
        return ledger;
    }

    /** Starts counting a scenario; its line is printed at the end of the run whether it passed or not. */
    static ScenarioTally scenario(String name) {
        ScenarioTally tally = new ScenarioTally(name);
        synchronized (TALLIES) {
            TALLIES.add(tally);
        }
        current = tally;
        return tally;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(SharedLedger.class, key -> new SharedLedger(), SharedLedger.class);
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        ScenarioTally tally = current;
        if (tally != null) {
            tally.finish(context.getExecutionException().orElse(null));
            current = null;
        }
    }

    /** Closed by JUnit when the root context closes, i.e. after the last test class of the run. */
    private static final class SharedLedger implements AutoCloseable {
        private final long started = System.nanoTime();

        SharedLedger() {
            try {
                ledger = RunningLedger.startRestartable();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            try {
                printSummary(Duration.ofNanos(System.nanoTime() - started));
            } finally {
                RunningLedger running = ledger;
                ledger = null;
                if (running != null) {
                    running.close();
                }
            }
        }
    }

    private static void printSummary(Duration took) {
        List<String> lines = new ArrayList<>();
        lines.add("==== Reliability summary (" + took.toSeconds() + " s, one line per scenario)");
        synchronized (TALLIES) {
            for (ScenarioTally tally : TALLIES) {
                lines.add(tally.summaryLine());
            }
        }
        String text = String.join(System.lineSeparator(), lines) + System.lineSeparator();
        System.out.print(text);
        System.out.flush();
        try {
            Path file = Path.of(System.getProperty("ledger.reliabilitySummary", "target/reliability-summary.txt"));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            System.out.println("could not write the reliability summary file: " + e);
        }
    }
}
