package dev.ledger.query.influence;

import dev.ledger.query.problem.InvalidRequestException;

/** Parsing of the influence API's own parameters; 400 naming the parameter. */
final class InfluenceParams {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 200;

    private InfluenceParams() {
    }

    /** Reason ids are opaque to the read model, like claim ids: only reject what cannot be an id at all. */
    static String reasonId(String value) {
        if (value.isBlank() || value.length() > 200 || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("reasonId", "must be 1 to 200 characters, not blank, without control characters");
        }
        return value;
    }

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed < 1 || parsed > MAX_LIMIT) {
            throw new InvalidRequestException("limit", "must be a whole number from 1 to " + MAX_LIMIT);
        }
        return parsed;
    }

    static boolean flag(String field, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new InvalidRequestException(field, "must be true or false");
    }
}
