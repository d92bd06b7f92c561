package dev.ledger.infra.launcher;

/** A readable reason why {@code ./ledger} stopped; printed without a stack trace. */
final class LaunchFailure extends RuntimeException {

    LaunchFailure(String message) {
        super(message);
    }
}
