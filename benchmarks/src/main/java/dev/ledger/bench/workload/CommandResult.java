package dev.ledger.bench.workload;

/**
 * The answer to one command: HTTP status, the sequence it reported (0 when none), and when it was sent and
 * answered ({@link System#nanoTime()}).
 */
public record CommandResult(Command command, String debateId, int status, long sequence, long sentNanos, long answeredNanos) {

    public boolean accepted() {
        return status >= 200 && status < 300;
    }

    public long latencyNanos() {
        return answeredNanos - sentNanos;
    }
}
