package dev.ledger.web.request;

import java.util.regex.Pattern;

/** The id formats both services accept, in one place. */
public final class Formats {

    /** A participant id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit. */
    public static final String PARTICIPANT_ID = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    public static final String PARTICIPANT_ID_RULE =
            "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    /** A UUID in its 8-4-4-4-12 hex form, either case. */
    public static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    public static final String UUID_RULE = "must be a UUID like 3f2c1a9e-8b7d-4c6e-9f01-23456789abcd";

    private static final Pattern PARTICIPANT_ID_PATTERN = Pattern.compile(PARTICIPANT_ID);
    private static final Pattern UUID_PATTERN = Pattern.compile(UUID);

    private Formats() {
    }

    public static boolean isParticipantId(String value) {
        return value != null && PARTICIPANT_ID_PATTERN.matcher(value).matches();
    }

    public static boolean isUuid(String value) {
        return value != null && UUID_PATTERN.matcher(value).matches();
    }
}
