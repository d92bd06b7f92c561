package dev.ledger.query.eventstore;

/** The command-service's event feed could not be read (not running, refused the token, timed out, ...). */
public class EventStoreUnavailable extends RuntimeException {

    public EventStoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
