package dev.ledger.command.api;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The HTTP status and JSON body a command produced. */
public record Answer<T>(int status, T body) {

    public static <T> Answer<T> created(T body) {
        return new Answer<>(201, body);
    }

    public static <T> Answer<T> ok(T body) {
        return new Answer<>(200, body);
    }

    ResponseEntity<T> toResponse() {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
