package dev.ledger.query.problem;

/**
 * As many requests as allowed ({@code ledger.query.max-waiting}) already wait for projections to catch up: this
 * one is answered 503 at once rather than holding another request thread.
 */
public class TooManyWaitingException extends RuntimeException {

    private final String field;
    private final int maxWaiting;

    /** {@code field}: the request parameter that asked to wait (minSequence, atSequence). */
    public TooManyWaitingException(String field, int maxWaiting) {
        super(maxWaiting + " requests already wait for the projection", null, false, false);
        this.field = field;
        this.maxWaiting = maxWaiting;
    }

    public String field() {
        return field;
    }

    public int maxWaiting() {
        return maxWaiting;
    }
}
