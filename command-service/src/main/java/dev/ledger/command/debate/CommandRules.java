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
    private static final char ZERO_WIDTH_NON_JOINER = '\u200C';
    private static final char ZERO_WIDTH_JOINER = '\u200D';
    private static final int EMOJI_PRESENTATION = 0xFE0F;

    private CommandRules() {
    }

    /**
     * A required text: present, not blank, no control characters, no invisible characters ({@link #INVISIBLE}: 422,
     * but a joiner inside a word or an emoji sequence is kept),
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
        while (invisible.find()) {
            if (!joinsWithinAWord(value, invisible.start())) {
                throw new Unprocessable(field, String.format("must not contain the invisible character U+%04X at index %d "
                        + "(zero-width and bidirectional control characters are refused, except a joiner inside a word or "
                        + "an emoji sequence)", (int) value.charAt(invisible.start()), invisible.start()));
            }
        }
        String normalized = Normalizer.normalize(value, Normalizer.Form.NFC);
        int length = normalized.codePointCount(0, normalized.length());
        if (length > max) {
            throw new Invalid(field, "must be at most " + max + " characters, was " + length);
        }
        return normalized;
    }

    /**
     * Whether the character at {@code index} is a zero-width (non-)joiner between two letters, marks or symbols: how
     * Persian, Indic scripts and emoji sequences (a family, a flag with a sign) use them. Anywhere else it only hides.
     */
    private static boolean joinsWithinAWord(String text, int index) {
        char joiner = text.charAt(index);
        if ((joiner != ZERO_WIDTH_NON_JOINER && joiner != ZERO_WIDTH_JOINER) || index == 0 || index + 1 >= text.length()) {
            return false;
        }
        int before = text.codePointBefore(index);
        int after = text.codePointAt(index + 1);
        return (before == EMOJI_PRESENTATION || isWordOrSymbol(before)) && isWordOrSymbol(after);
    }

    private static boolean isWordOrSymbol(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER, Character.MODIFIER_LETTER,
                 Character.OTHER_LETTER, Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK,
                 Character.OTHER_SYMBOL, Character.MODIFIER_SYMBOL -> true;
            default -> false;
        };
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
