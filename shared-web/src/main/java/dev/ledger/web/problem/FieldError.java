package dev.ledger.web.problem;

/** One entry of a problem's {@code errors} member: the offending field and why. */
public record FieldError(String field, String reason) {
}
