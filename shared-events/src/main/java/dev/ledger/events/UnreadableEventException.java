package dev.ledger.events;

/** A record on the topic that is not an event this version of the ledger can apply, and why. */
public class UnreadableEventException extends RuntimeException {

    /** Why the record cannot be read. */
    public enum Reason {
        /** Not JSON, or JSON without the envelope's fields. */
        MALFORMED,
        /** A type this version does not know (written by a newer version, or by something else). */
        UNKNOWN_TYPE,
        /** A known type at a newer version than this one understands: upgrade the reader. */
        NEWER_VERSION,
        /** A known type whose payload breaks a rule every written event keeps. */
        INVALID_PAYLOAD
    }

    private final Reason reason;

    public UnreadableEventException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
