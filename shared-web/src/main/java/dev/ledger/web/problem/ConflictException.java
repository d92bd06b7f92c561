package dev.ledger.web.problem;

import org.springframework.http.HttpStatus;

import java.util.Map;

/** The request clashes with the current state as a whole (e.g. a rebuild is already running): 409. */
public class ConflictException extends Refusal {

    public ConflictException(String message) {
        super(HttpStatus.CONFLICT, null, message, Map.of());
    }
}
