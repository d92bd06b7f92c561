package dev.ledger.query.problem;

/** The projection did not reach the requested {@code minSequence} in time: 503, try again. */
public class NotReadyException extends RuntimeException {

    private final long minSequence;
    private final long sequenceReached;
    private final String field;

    public NotReadyException(long minSequence, long sequenceReached) {
        this(minSequence, sequenceReached, "minSequence");
    }

    /** {@code field}: the request parameter that asked for the sequence (minSequence, atSequence). */
    public NotReadyException(long minSequence, long sequenceReached, String field) {
        super("projection at " + sequenceReached + ", waiting for " + minSequence);
        this.minSequence = minSequence;
        this.sequenceReached = sequenceReached;
        this.field = field;
    }

    public String field() {
        return field;
    }

    public long minSequence() {
        return minSequence;
    }

    public long sequenceReached() {
        return sequenceReached;
    }
}
