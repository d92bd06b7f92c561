package dev.ledger.system;

import java.util.concurrent.atomic.AtomicLong;

/** What one reliability scenario did and saw: the numbers of its summary line. */
final class ScenarioTally {

    private final String name;
    final AtomicLong faultsInjected = new AtomicLong();
    final AtomicLong commandsAccepted = new AtomicLong();
    final AtomicLong eventsStored = new AtomicLong();
    final AtomicLong eventsProjected = new AtomicLong();
    final AtomicLong eventsLost = new AtomicLong();
    final AtomicLong duplicatesVisible = new AtomicLong();
    private final long started = System.nanoTime();
    private volatile String outcome = "NOT FINISHED";
    private volatile String note = "";

    ScenarioTally(String name) {
        this.name = name;
    }

    void fault() {
        faultsInjected.incrementAndGet();
    }

    void note(String text) {
        note = note.isEmpty() ? text : note + "; " + text;
    }

    void add(ProjectionCheck.Result result) {
        eventsStored.addAndGet(result.stored());
        eventsProjected.addAndGet(result.projected());
        eventsLost.addAndGet(result.lost());
        duplicatesVisible.addAndGet(result.duplicates());
    }

    void finish(Throwable failure) {
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        if (failure == null) {
            outcome = "PASSED in " + seconds + " s";
        } else {
            String message = String.valueOf(failure.getMessage()).strip();
            int newline = message.indexOf('\n');
            String first = newline < 0 ? message : message.substring(0, newline);
            outcome = "FAILED in " + seconds + " s (" + (first.length() > 200 ? first.substring(0, 200) + "..." : first) + ")";
        }
    }

    String summaryLine() {
        return String.format("%-44s faults injected %4d | commands accepted %5d | events stored %5d | events projected %5d"
                        + " | events lost %d | duplicates visible %d | %s%s",
                name, faultsInjected.get(), commandsAccepted.get(), eventsStored.get(), eventsProjected.get(),
                eventsLost.get(), duplicatesVisible.get(), outcome, note.isEmpty() ? "" : " | " + note);
    }
}
