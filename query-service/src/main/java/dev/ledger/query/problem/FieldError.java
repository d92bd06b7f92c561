package dev.ledger.query.problem;

/** One offending field of a request, as listed in a problem's {@code errors} member. */
public record FieldError(String field, String reason) {
}
