package dev.ledger.events;

/** Guards for event fields: an event that breaks one of these can never have been written. */
final class Require {

    private Require() {
    }

    static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        return value;
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must be present");
        }
        return value;
    }

    /** A role the owner may give: member or observer (a debate has one owner, its opener). */
    static Role assignableRole(Role role, String field) {
        present(role, field);
        if (role == Role.OWNER) {
            throw new IllegalArgumentException(field + " must be member or observer: a debate has one owner, its opener");
        }
        return role;
    }

    static double credence(double value, String field) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(field + " must be a number from 0 to 1, was " + value);
        }
        return value;
    }
}
