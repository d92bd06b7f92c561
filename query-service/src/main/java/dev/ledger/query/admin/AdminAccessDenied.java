package dev.ledger.query.admin;

/** A request to {@code /admin/**} without the right token, or while admin endpoints are disabled. */
public class AdminAccessDenied extends RuntimeException {

    private final boolean disabled;

    AdminAccessDenied(boolean disabled, String message) {
        super(message);
        this.disabled = disabled;
    }

    /** True when no admin token is configured (403), false when the caller's token is missing or wrong (401). */
    public boolean disabled() {
        return disabled;
    }
}
