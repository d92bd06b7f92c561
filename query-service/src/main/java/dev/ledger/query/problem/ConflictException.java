package dev.ledger.query.problem;

/** The request clashes with the current state (e.g. a rebuild is already running): 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
