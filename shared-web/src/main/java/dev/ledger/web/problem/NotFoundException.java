package dev.ledger.web.problem;

import org.springframework.http.HttpStatus;

import java.util.Map;

/** The request names something (a debate, participant, claim, ...) the service does not know: 404. */
public class NotFoundException extends Refusal {

    public NotFoundException(String field, String reason) {
        super(HttpStatus.NOT_FOUND, field, reason, Map.of());
    }
}
