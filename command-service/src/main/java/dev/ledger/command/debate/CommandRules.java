package dev.ledger.command.debate;

import dev.ledger.command.problem.DomainException.Invalid;
import dev.ledger.web.request.Formats;

import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** Stateless checks of command input; each failure names the field and says what is wrong. */
public final class CommandRules {

    public static final int TITLE_MAX = 500;
    public static final int DISPLAY_NAME_MAX = 200;
    public static final int LONG_TEXT_MAX = 10_000;
    public static final int BECAUSE_OF_MAX = 100;

    private static final Pattern WHITE_SPACE_RUN = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    private CommandRules() {
    }

    /** A required text: present, not blank, within {@code max} characters, no control characters. */
    public static String requiredText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw new Invalid(field, "must not be blank");
        }
        return checkedText(value, field, max);
    }

    /** An optional text; a blank one counts as absent (null). */
    public static String optionalText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return checkedText(value, field, max);
    }

    private static String checkedText(String value, String field, int max) {
        int length = value.codePointCount(0, value.length());
        if (length > max) {
            throw new Invalid(field, "must be at most " + max + " characters, was " + length);
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\r' && c != '\n') {
                throw new Invalid(field, String.format("must not contain control character U+%04X (only tab, CR and LF are allowed)", (int) c));
            }
            // A lone surrogate (e.g. "\uD800" in JSON) is no character at all: it cannot be stored as UTF-8 unchanged.
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new Invalid(field, String.format("must not contain the unpaired surrogate U+%04X: send valid Unicode text", (int) c));
            }
        }
        return value;
    }

    public static String participantId(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new Invalid(field, "must not be blank");
        }
        if (!Formats.isParticipantId(value)) {
            throw new Invalid(field, Formats.PARTICIPANT_ID_RULE);
        }
        return value;
    }

    /** A UUID in its canonical lower-case form. */
    public static String uuid(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new Invalid(field, "must not be blank");
        }
        if (!Formats.isUuid(value)) {
            throw new Invalid(field, Formats.UUID_RULE);
        }
        return UUID.fromString(value).toString();
    }

    /** A credence in [0, 1]; -0.0 counts as 0.0 so equal views compare equal. */
    public static double credence(Double value) {
        if (value == null) {
            throw new Invalid("credence", "is required: a number from 0 to 1");
        }
        double credence = value;
        if (!(credence >= 0.0 && credence <= 1.0)) {
            throw new Invalid("credence", "must be a number from 0 to 1, was " + credence);
        }
        return credence + 0.0;
    }

    /** The form of a reason's text used to spot duplicates: trimmed, white-space runs collapsed, lower case. */
    public static String normalizedForDuplicates(String text) {
        return WHITE_SPACE_RUN.matcher(text.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
