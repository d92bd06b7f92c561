package dev.ledger.web.problem;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds the ledger's problem+json bodies: type URN, title, status, detail, and the {@code errors} list. */
public final class Problems {

    private static final String TYPE_PREFIX = "urn:ledger:problem:";

    private Problems() {
    }

    /** The kind a status stands for, the last part of the problem type (urn:ledger:problem:KIND). */
    public static String kindOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 413 -> "too-large";
            case 422 -> "unprocessable";
            case 503 -> "not-ready";
            default -> status.is4xxClientError() ? "validation" : "internal";
        };
    }

    public static ProblemDetail of(HttpStatusCode status, String detail, List<FieldError> errors, Map<String, Object> extras) {
        return of(kindOf(status), status, detail, errors, extras);
    }

    /** A problem whose kind is not the one its status stands for, such as "unavailable" or "admin-disabled". */
    public static ProblemDetail of(String kind, HttpStatusCode status, String detail, List<FieldError> errors,
                                   Map<String, Object> extras) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + kind));
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known == null ? "Error " + status.value() : known.getReasonPhrase());
        problem.setProperty("errors", errors);
        extras.forEach(problem::setProperty);
        return problem;
    }
}
