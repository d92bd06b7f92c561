package dev.ledger.web.problem;

import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A request the service refuses because of what it asks, answered as problem+json with the status, the
 * field at fault (null when no single field is) and why. {@code extras} become extension members of the
 * problem. Its problem type names the kind its status stands for, unless the refusal names a more precise one. An expected outcome, so it carries no stack trace. Each service names its own refusals as
 * subclasses (the command side's closed set is its DomainException).
 */
public abstract class Refusal extends RuntimeException {

    private final HttpStatus status;
    private final String kind;
    private final String field;
    private final String reason;
    private final Map<String, Object> extras;

    protected Refusal(HttpStatus status, String field, String reason, Map<String, Object> extras) {
        this(status, Problems.kindOf(status), field, reason, extras);
    }

    /** {@code kind}: the last part of the problem type (urn:ledger:problem:KIND), e.g. "claim-resolved". */
    protected Refusal(HttpStatus status, String kind, String field, String reason, Map<String, Object> extras) {
        super(field == null ? reason : field + ": " + reason, null, false, false);
        this.status = status;
        this.kind = kind;
        this.field = field;
        this.reason = reason;
        this.extras = Map.copyOf(extras);
    }

    public HttpStatus status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }

    public Map<String, Object> extras() {
        return extras;
    }
}
