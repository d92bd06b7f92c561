package dev.ledger.query.api;

import dev.ledger.query.problem.InvalidRequestException;

import java.util.Locale;
import java.util.regex.Pattern;

/** Parsing of the path variables and query parameters the query controllers share; 400 naming the field. */
public final class RequestParams {

    public static final String MIN_SEQUENCE_DOC = "Wait (bounded) until the debate's projection has applied at least this sequence";

    private static final Pattern UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PARTICIPANT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private RequestParams() {
    }

    /** Debate ids are UUIDs; the canonical (lower-case) form is the one events carry. */
    public static String debateId(String value) {
        if (!UUID.matcher(value).matches()) {
            throw new InvalidRequestException("debateId", "must be a UUID like 3f2c1a9e-8b7d-4c6e-9f01-23456789abcd");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    public static String participantId(String value) {
        return participantId("participantId", value);
    }

    public static String participantId(String field, String value) {
        if (!PARTICIPANT_ID.matcher(value).matches()) {
            throw new InvalidRequestException(field,
                    "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return value;
    }

    /**
     * Claim ids are opaque to the read model (command-service issues UUIDs, but the events promise only a
     * non-blank string), so only reject what cannot be an id at all.
     */
    public static String claimId(String value) {
        if (value.isBlank() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("claimId", "must be 1 to 200 characters, not blank, without control characters");
        }
        return value;
    }

    /** A sequence-valued parameter: a whole number of {@code min} or more. */
    public static long wholeNumber(String field, String value, long min) {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException(field, "must be a whole number of " + min + " or more");
        }
        if (parsed < min) {
            throw new InvalidRequestException(field, "must be a whole number of " + min + " or more");
        }
        return parsed;
    }

    public static long minSequence(String value) {
        return wholeNumber("minSequence", value, 1);
    }
}
