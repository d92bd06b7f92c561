package dev.ledger.web.request;

import dev.ledger.web.problem.InvalidRequestException;

import java.util.Locale;

/** Parsing of path variables and query parameters: the value, or a 400 naming the parameter. */
public final class RequestParams {

    private RequestParams() {
    }

    /** A UUID-valued parameter (debate, claim and reason ids), in the canonical lower-case form events carry. */
    public static String uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "must not be blank");
        }
        if (!Formats.isUuid(value)) {
            throw new InvalidRequestException(field, Formats.UUID_RULE);
        }
        return value.toLowerCase(Locale.ROOT);
    }

    public static String participantId(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidRequestException(field, "must not be blank");
        }
        if (!Formats.isParticipantId(value)) {
            throw new InvalidRequestException(field, Formats.PARTICIPANT_ID_RULE);
        }
        return value;
    }

    /**
     * An id the service treats as opaque (the events promise only a non-blank string): only what cannot be
     * an id at all is refused.
     */
    public static String opaqueId(String field, String value) {
        if (value.isBlank() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException(field, "must be 1 to 200 characters, not blank, without control characters");
        }
        return value;
    }

    /** A whole number of {@code min} or more. */
    public static long wholeNumber(String field, String value, long min) {
        return wholeNumber(field, value, min, Long.MAX_VALUE);
    }

    /** A whole number from {@code min} to {@code max}. */
    public static long wholeNumber(String field, String value, long min, long max) {
        String range = max == Long.MAX_VALUE ? "of " + min + " or more" : "from " + min + " to " + max;
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "must be a whole number " + range);
        }
        if (parsed < min || parsed > max) {
            throw new InvalidRequestException(field, "must be a whole number " + range + ", was " + parsed);
        }
        return parsed;
    }

    /** {@code true}, {@code false}, or absent (false). */
    public static boolean flag(String field, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidRequestException(field, "must be true or false");
    }
}
