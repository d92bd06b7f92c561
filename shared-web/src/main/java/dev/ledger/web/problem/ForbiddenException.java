package dev.ledger.web.problem;

import org.springframework.http.HttpStatus;

import java.util.Map;

/** The caller is known but may not do what the request asks, and the field says which part: 403. */
public class ForbiddenException extends Refusal {

    public ForbiddenException(String field, String reason) {
        super(HttpStatus.FORBIDDEN, field, reason, Map.of());
    }
}
