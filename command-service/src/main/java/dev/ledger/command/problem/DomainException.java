package dev.ledger.command.problem;

import dev.ledger.web.problem.Refusal;
import org.springframework.http.HttpStatus;

import java.util.Map;

/**
 * A command the ledger refuses, with the field at fault and why. The set is closed; each kind has one
 * HTTP status. {@code extras} become extension members of the problem body (e.g. {@code existingReasonId}
 * for a duplicate reason).
 */
public abstract sealed class DomainException extends Refusal
        permits DomainException.Invalid, DomainException.Forbidden, DomainException.NotFound, DomainException.Conflict,
        DomainException.Unprocessable {

    private DomainException(HttpStatus status, String field, String reason, Map<String, Object> extras) {
        super(status, field, reason, extras);
    }

    private DomainException(HttpStatus status, String kind, String field, String reason) {
        super(status, kind, field, reason, Map.of());
    }

    /** Malformed input: 400. */
    public static final class Invalid extends DomainException {
        public Invalid(String field, String reason) {
            super(HttpStatus.BAD_REQUEST, field, reason, Map.of());
        }
    }

    /** The acting participant's role does not allow the command (an observer writing, a member inviting): 403. */
    public static final class Forbidden extends DomainException {
        public Forbidden(String field, String reason) {
            super(HttpStatus.FORBIDDEN, field, reason, Map.of());
        }
    }

    /** The debate, claim, reason or participant named does not exist: 404. */
    public static final class NotFound extends DomainException {
        public NotFound(String field, String reason) {
            super(HttpStatus.NOT_FOUND, field, reason, Map.of());
        }
    }

    /** The command clashes with what already happened (joined twice, duplicate reason, a cap reached): 409. */
    public static final class Conflict extends DomainException {
        public Conflict(String field, String reason) {
            super(HttpStatus.CONFLICT, field, reason, Map.of());
        }

        public Conflict(String field, String reason, Map<String, Object> extras) {
            super(HttpStatus.CONFLICT, field, reason, extras);
        }

        /** A conflict of a kind of its own ({@code urn:ledger:problem:<kind>}), such as a claim that is resolved. */
        public Conflict(String field, String kind, String reason) {
            super(HttpStatus.CONFLICT, kind, field, reason);
        }
    }

    /** Well-formed, names existing things, but breaks a rule of the debate: 422. */
    public static final class Unprocessable extends DomainException {
        public Unprocessable(String field, String reason) {
            super(HttpStatus.UNPROCESSABLE_CONTENT, field, reason, Map.of());
        }
    }
}
