package dev.ledger.query.problem;

/** A debate or participant the read model does not know: 404. */
public class NotFoundException extends RuntimeException {

    private final FieldError error;

    public NotFoundException(String field, String reason) {
        super(field + ": " + reason);
        this.error = new FieldError(field, reason);
    }

    public FieldError error() {
        return error;
    }
}
