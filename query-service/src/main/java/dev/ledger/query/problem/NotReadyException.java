package dev.ledger.query.problem;

/** The projection did not reach the requested {@code minSequence} in time: 503, try again. */
public class NotReadyException extends RuntimeException {

    private final long minSequence;
    private final long sequenceReached;

    public NotReadyException(long minSequence, long sequenceReached) {
        super("projection at " + sequenceReached + ", waiting for " + minSequence);
        this.minSequence = minSequence;
        this.sequenceReached = sequenceReached;
    }

    public long minSequence() {
        return minSequence;
    }

    public long sequenceReached() {
        return sequenceReached;
    }
}
