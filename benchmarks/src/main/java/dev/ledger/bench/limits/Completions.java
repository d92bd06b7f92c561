package dev.ledger.bench.limits;

/** How many operations a limit's clients completed, and in how many seconds. */
public record Completions(long count, double seconds) {

    public double perSecond() {
        return seconds <= 0 ? 0 : count / seconds;
    }
}
