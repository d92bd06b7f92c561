package dev.ledger.web.problem;

import org.springframework.http.HttpStatus;

import java.util.Map;

/** A path variable, query parameter or body field that is not well formed: 400. */
public class InvalidRequestException extends Refusal {

    public InvalidRequestException(String field, String reason) {
        super(HttpStatus.BAD_REQUEST, field, reason, Map.of());
    }
}
