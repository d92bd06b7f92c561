package dev.ledger.events.history;

/** A well-formed signed note that the expected key did not sign (or whose signature by it is wrong). */
public class NoteVerificationException extends RuntimeException {

    public NoteVerificationException(String message) {
        super(message);
    }
}
