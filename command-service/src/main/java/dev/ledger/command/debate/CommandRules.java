package dev.ledger.command.debate;

import dev.ledger.command.problem.DomainException.Invalid;
import dev.ledger.command.problem.DomainException.Unprocessable;
import dev.ledger.web.request.Formats;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Stateless checks of command input; each failure names the field and says what is wrong. */
public final class CommandRules {

    public static final int TITLE_MAX = 500;
    public static final int DISPLAY_NAME_MAX = 200;
    public static final int LONG_TEXT_MAX = 10_000;
    public static final int BECAUSE_OF_MAX = 100;

    private static final Pattern WHITE_SPACE_RUN = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    /**
     * Characters that show nothing but change what a text is: zero-width space, non-joiner and joiner (U+200B..U+200D),
     * word joiner (U+2060), byte order mark (U+FEFF), and the bidirectional embeddings, overrides and isolates
     * (U+202A..U+202E, U+2066..U+2069) that can make a text read differently from what it says.
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u202A-\\u202E\\u2066-\\u2069]");

    private CommandRules() {
    }

    /**
     * A required text: present, not blank, no control characters, no invisible characters ({@link #INVISIBLE}: 422),
     * in Unicode NFC (the form returned, stored and compared), within {@code max} characters.
     */
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
        // the length bound first, so the checks below never walk an unbounded text (NFC may grow it up to 3 times)
        if (value.length() > 2 * max) {
            throw new Invalid(field, "must be at most " + max + " characters, was " + value.codePointCount(0, value.length()));
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
        Matcher invisible = INVISIBLE.matcher(value);
        if (invisible.find()) {
            throw new Unprocessable(field, String.format("must not contain the invisible character U+%04X at index %d "
                    + "(zero-width and bidirectional control characters are refused)", (int) value.charAt(invisible.start()),
                    invisible.start()));
        }
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC);
        int length = normalized.codePointCount(0, normalized.length());
        if (length > max) {
            throw new Invalid(field, "must be at most " + max + " characters, was " + length);
        }
        return normalized;
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

    /**
     * The form of a reason's text used to spot duplicates: NFC, invisible characters removed (new texts cannot have
     * them, texts stored before they were refused may), trimmed, white-space runs collapsed, lower case.
     */
    public static String normalizedForDuplicates(String text) {
        String visible = INVISIBLE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll("");
        return WHITE_SPACE_RUN.matcher(visible.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }
}
