package dev.ledger.query.projection;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcOperations;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * The rows of one insert-once statement of {@link ReadModelRows} sent with {@code COPY ... FROM STDIN} (text
 * format) instead: PostgreSQL then has no statement to parse and no parameters to bind per row, which in the
 * rebuild benchmark cut its CPU per replayed event by about a third. Values are those of the INSERT's parameters, in
 * its column order: String, Long, Integer, Double, Boolean, OffsetDateTime, String[] (a text[] column) or null; a
 * jsonb column takes its JSON as a String.
 * <p>
 * COPY has no {@code ON CONFLICT}. The pipeline applies each (debate, sequence) once, so a clash means a history
 * holding the same participant, claim, reason or debate id twice; then the COPY is rolled back to a savepoint and
 * the rows go through the INSERT (with its ON CONFLICT clause) after all, so the result is always the INSERT's.
 */
record RowCopy(String sql, int columns) {

    private static final Logger log = LoggerFactory.getLogger(RowCopy.class);
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000};

    /** {@code COPY table (columns) FROM STDIN}, from {@code "schema.table (column, ...)"}. */
    static RowCopy into(String tableAndColumns) {
        int columns = (int) tableAndColumns.chars().filter(c -> c == ',').count() + 1;
        return new RowCopy("COPY " + tableAndColumns + " FROM STDIN", columns);
    }

    /**
     * Copies the rows in the caller's transaction; if one of them clashes with a row already there, runs
     * {@code insert} with them instead (with the effects of the COPY undone).
     */
    void copyAll(JdbcOperations jdbc, List<Object[]> rows, Consumer<List<Object[]>> insert) {
        if (rows.isEmpty()) {
            return;
        }
        byte[] data = encode(rows).getBytes(StandardCharsets.UTF_8);   // the driver always talks UTF-8
        boolean copied = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            Savepoint savepoint = connection.setSavepoint();
            try {
                copy.copyIn(sql, new ByteArrayInputStream(data));
            } catch (SQLException e) {
                connection.rollback(savepoint);
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    return false;
                }
                throw e;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            connection.releaseSavepoint(savepoint);
            return true;
        }));
        if (!copied) {
            log.info("{}: a row's key is already there; the {} rows go through the INSERT and its ON CONFLICT instead",
                    sql, rows.size());
            insert.accept(rows);
        }
    }

    /** The rows in COPY's text format: one line per row, tab between columns, {@code \N} for null. */
    String encode(List<Object[]> rows) {
        StringBuilder out = new StringBuilder(rows.size() * 160);
        for (Object[] row : rows) {
            if (row.length != columns) {
                throw new IllegalArgumentException("a row of " + row.length + " values for " + columns + " columns: " + sql);
            }
            for (int i = 0; i < row.length; i++) {
                if (i > 0) {
                    out.append('\t');
                }
                appendValue(out, row[i]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    static void appendValue(StringBuilder out, Object value) {
        if (value == null) {
            out.append("\\N");
        } else if (value instanceof String text) {
            appendEscaped(out, text);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Boolean truth) {
            out.append(truth ? 't' : 'f');
        } else if (value instanceof Double number) {
            // Double.toString is exact (reads back as the same double); NaN and Infinity are PostgreSQL's spelling too.
            out.append(number.doubleValue());
        } else if (value instanceof OffsetDateTime time) {
            appendTimestamp(out, toMicros(time.toInstant()));
        } else if (value instanceof String[] array) {
            appendEscaped(out, arrayLiteral(array));
        } else {
            throw new IllegalArgumentException("no COPY encoding for " + value.getClass().getName());
        }
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss.SSSSSS+00} in UTC ({@code [BC]} before year 1, as PostgreSQL spells it), written
     * digit by digit: a DateTimeFormatter costs more than all the rest of a row's encoding.
     */
    private static void appendTimestamp(StringBuilder out, Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
        int year = utc.getYear();
        int shownYear = year < 1 ? 1 - year : year;
        if (shownYear > 9999) {
            out.append(shownYear).append('-');
        } else {
            appendDigits(out, shownYear, 4).append('-');
        }
        appendDigits(out, utc.getMonthValue(), 2).append('-');
        appendDigits(out, utc.getDayOfMonth(), 2).append(' ');
        appendDigits(out, utc.getHour(), 2).append(':');
        appendDigits(out, utc.getMinute(), 2).append(':');
        appendDigits(out, utc.getSecond(), 2).append('.');
        appendDigits(out, utc.getNano() / 1000, 6).append("+00");
        if (year < 1) {
            out.append(" BC");
        }
    }

    private static StringBuilder appendDigits(StringBuilder out, int value, int width) {
        for (int divisor = POWERS_OF_TEN[width - 1]; divisor > 0; divisor /= 10) {
            out.append((char) ('0' + value / divisor % 10));
        }
        return out;
    }

    /** Rounded half up to microseconds, as the JDBC driver does when it binds an OffsetDateTime. */
    private static Instant toMicros(Instant instant) {
        return instant.getNano() % 1000 == 0 ? instant : instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    /** A text[] literal: every element double-quoted, with {@code "} and {@code \} backslash-escaped inside. */
    static String arrayLiteral(String[] elements) {
        StringBuilder literal = new StringBuilder(2 + elements.length * 8).append('{');
        for (int i = 0; i < elements.length; i++) {
            if (i > 0) {
                literal.append(',');
            }
            String element = elements[i];
            if (element == null) {
                literal.append("NULL");
                continue;
            }
            literal.append('"');
            for (int c = 0; c < element.length(); c++) {
                char ch = element.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return literal.append('}').toString();
    }

    /** COPY text format: backslash, tab, newline and carriage return escaped; everything else as it is, in runs. */
    private static void appendEscaped(StringBuilder out, String text) {
        int unescaped = 0;
        for (int i = 0; i < text.length(); i++) {
            String escape = switch (text.charAt(i)) {
                case '\\' -> "\\\\";
                case '\t' -> "\\t";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                default -> null;
            };
            if (escape != null) {
                out.append(text, unescaped, i).append(escape);
                unescaped = i + 1;
            }
        }
        out.append(text, unescaped, text.length());
    }
}
