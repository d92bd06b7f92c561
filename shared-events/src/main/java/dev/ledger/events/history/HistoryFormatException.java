package dev.ledger.events.history;

/** Input that cannot be read as the thing it claims to be (not JSON, a malformed key, a broken note or bundle). */
public class HistoryFormatException extends RuntimeException {

    public HistoryFormatException(String message) {
        super(message);
    }

    public HistoryFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
