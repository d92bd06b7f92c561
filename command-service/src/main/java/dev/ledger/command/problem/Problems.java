package dev.ledger.command.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds the ledger's problem+json bodies: type URN, title, status, detail, and the {@code errors} list. */
public final class Problems {

    private Problems() {
    }

    public static String kindOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 422 -> "unprocessable";
            case 503 -> "not-ready";
            default -> status.is4xxClientError() ? "validation" : "internal";
        };
    }

    public static ProblemDetail of(HttpStatusCode status, String detail, List<FieldError> errors, Map<String, Object> extras) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("urn:ledger:problem:" + kindOf(status)));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error " + status.value() : known.getReasonPhrase());
        problem.setProperty("errors", errors);
        extras.forEach(problem::setProperty);
        return problem;
    }
}
