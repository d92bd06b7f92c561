package dev.ledger.query.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the pages write times and numbers (the templates call it as {@code fmt}). Times are UTC, as the API's. */
public final class PageFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    /** A credence or shift with two decimals, e.g. 0.75. */
    public String number(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** A score or credit with four decimals, e.g. -0.3100 (two would hide the differences that matter). */
    public String score(Double value) {
        return value == null ? "–" : String.format(Locale.ROOT, "%.4f", value);
    }

    /** An instant as the as-of field shows and sends it: ISO-8601 to the second. */
    public String iso(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
