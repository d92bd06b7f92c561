package dev.ledger.command.problem;

import java.util.Map;

/**
 * A command the ledger refuses, with the field at fault and why. The set is closed; each kind maps to one
 * HTTP status in {@link ProblemAdvice}. {@code extras} become extension members of the problem body
 * (e.g. {@code existingReasonId} for a duplicate reason).
 */
public abstract sealed class DomainException extends RuntimeException
        permits DomainException.Invalid, DomainException.NotFound, DomainException.Conflict, DomainException.Unprocessable {

    private final String field;
    private final String reason;
    private final Map<String, Object> extras;

    private DomainException(String field, String reason, Map<String, Object> extras) {
        super(field + ": " + reason, null, false, false);
        this.field = field;
        this.reason = reason;
        this.extras = Map.copyOf(extras);
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

    /** Malformed input: 400. */
    public static final class Invalid extends DomainException {
        public Invalid(String field, String reason) {
            super(field, reason, Map.of());
        }
    }

    /** The debate, claim, reason or participant named does not exist: 404. */
    public static final class NotFound extends DomainException {
        public NotFound(String field, String reason) {
            super(field, reason, Map.of());
        }
    }

    /** The command clashes with what already happened (joined twice, duplicate reason): 409. */
    public static final class Conflict extends DomainException {
        public Conflict(String field, String reason) {
            super(field, reason, Map.of());
        }

        public Conflict(String field, String reason, Map<String, Object> extras) {
            super(field, reason, extras);
        }
    }

    /** Well-formed, names existing things, but breaks a rule of the debate: 422. */
    public static final class Unprocessable extends DomainException {
        public Unprocessable(String field, String reason) {
            super(field, reason, Map.of());
        }
    }
}
