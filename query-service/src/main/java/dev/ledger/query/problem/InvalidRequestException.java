package dev.ledger.query.problem;

/** A path variable or query parameter that is not well formed: 400. */
public class InvalidRequestException extends RuntimeException {

    private final FieldError error;

    public InvalidRequestException(String field, String reason) {
        super(field + ": " + reason);
        this.error = new FieldError(field, reason);
    }

    public FieldError error() {
        return error;
    }
}
