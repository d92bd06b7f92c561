package dev.ledger.command.api;

/** The HTTP status and JSON body a command produced. */
public record Answer<T>(int status, T body) {

    public static <T> Answer<T> created(T body) {
        return new Answer<>(201, body);
    }

    public static <T> Answer<T> ok(T body) {
        return new Answer<>(200, body);
    }
}
