package dev.ledger.query.projection;

import org.springframework.jdbc.core.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One INSERT of the read model, split so that it runs for one row ({@code head + row + tail}) or for many
 * ({@code head + row, row, ... + tail}): one statement per {@value #MAX_ROWS} rows instead of one per row,
 * which is what makes a rebuild's batches cheap for PostgreSQL. Parameters are positional ({@code ?}), each
 * with its SQL type for nulls.
 */
final class RowInsert {

    static final int MAX_ROWS = 256;
    private static final Pattern INSERT_HEAD = Pattern.compile("INSERT INTO (\\w+) \\(([\\w, ]+)\\) VALUES ");
    /** One parenthesised row of parameters only, a parameter possibly cast (jsonb). */
    private static final Pattern PLAIN_ROW = Pattern.compile("\\((\\?|CAST\\(\\? AS \\w+\\))(, (\\?|CAST\\(\\? AS \\w+\\)))*\\)");

    private final String head;
    private final String row;
    private final String tail;
    private final int[] types;
    private final int sequenceParameter;
    private final int[] keyParameters;
    private final RowCopy copy;
    private final String single;
    private final String full;

    private RowInsert(String head, String row, String tail, int[] types, int sequenceParameter, int[] keyParameters,
                      RowCopy copy) {
        this.head = head;
        this.row = row;
        this.tail = tail;
        this.types = types;
        this.sequenceParameter = sequenceParameter;
        this.keyParameters = keyParameters;
        this.copy = copy;
        long marks = row.chars().filter(c -> c == '?').count();
        if (marks != types.length) {
            throw new IllegalArgumentException("row " + row + " has " + marks + " parameters but " + types.length + " types");
        }
        this.single = sql(1);
        this.full = sql(MAX_ROWS);
    }

    /** {@code head} ends with VALUES, {@code row} is one parenthesised row, {@code tail} the ON CONFLICT clause. */
    static RowInsert of(String head, String row, String tail, int... types) {
        return new RowInsert(head, row, tail, types, -1, null, null);
    }

    /**
     * The same statement as an upsert that only ever replaces a row by one of a higher sequence: the rows of a
     * multi-row execution are reduced to the highest sequence per key first (a multi-row
     * {@code ON CONFLICT DO UPDATE} may not touch a row twice), which leaves the final state unchanged.
     */
    RowInsert upsert(int sequenceParameter, int... keyParameters) {
        if (copy != null) {
            throw new IllegalStateException("an upsert cannot be copied: " + head);
        }
        return new RowInsert(head, row, tail, types, sequenceParameter, keyParameters, null);
    }

    /**
     * The same statement, which a bulk batch ({@link ReadModelStatements#deferBulk()}) may send as a COPY: for
     * insert-once rows, whose parameters are exactly the listed columns, in order.
     */
    RowInsert copyable() {
        Matcher insert = INSERT_HEAD.matcher(head);
        if (keyParameters != null || !insert.matches() || !PLAIN_ROW.matcher(row).matches()) {
            throw new IllegalStateException("not a plain insert-once statement, cannot be copied: " + head + row);
        }
        List<String> columns = Arrays.stream(insert.group(2).split(",")).map(String::trim).toList();
        if (columns.size() != types.length) {
            throw new IllegalStateException(columns.size() + " columns but " + types.length + " parameters: " + head + row);
        }
        return new RowInsert(head, row, tail, types, -1, null, RowCopy.of(insert.group(1), columns));
    }

    boolean isCopyable() {
        return copy != null;
    }

    /**
     * Sends every row with one COPY (see {@link RowCopy}); should a row clash with one already there, with
     * {@link #executeAll} after all, so the outcome is always this INSERT's.
     */
    void copyAll(JdbcOperations jdbc, List<Object[]> rows) {
        copy.copyAll(jdbc, rows, clashing -> executeAll(jdbc, clashing));
    }

    void executeOne(JdbcOperations jdbc, Object[] values) {
        jdbc.update(single, statement -> bind(statement, 0, values));
    }

    /** Executes every row, in order, in as few statements as the size limit allows. */
    void executeAll(JdbcOperations jdbc, List<Object[]> rows) {
        List<Object[]> distinct = keyParameters == null ? rows : highestSequencePerKey(rows);
        for (int from = 0; from < distinct.size(); from += MAX_ROWS) {
            List<Object[]> chunk = distinct.subList(from, Math.min(distinct.size(), from + MAX_ROWS));
            String sql = chunk.size() == MAX_ROWS ? full : sql(chunk.size());
            jdbc.update(sql, statement -> {
                int offset = 0;
                for (Object[] values : chunk) {
                    bind(statement, offset, values);
                    offset += types.length;
                }
            });
        }
    }

    private List<Object[]> highestSequencePerKey(List<Object[]> rows) {
        Map<List<Object>, Object[]> latest = new LinkedHashMap<>();
        for (Object[] values : rows) {
            Object[] key = new Object[keyParameters.length];
            for (int i = 0; i < keyParameters.length; i++) {
                key[i] = values[keyParameters[i]];
            }
            latest.merge(Arrays.asList(key), values, (before, now) ->
                    ((Long) now[sequenceParameter]) > ((Long) before[sequenceParameter]) ? now : before);
        }
        return latest.size() == rows.size() ? rows : new ArrayList<>(latest.values());
    }

    private void bind(PreparedStatement statement, int offset, Object[] values) throws SQLException {
        for (int i = 0; i < types.length; i++) {
            Object value = values[i];
            int index = offset + i + 1;
            if (value == null) {
                statement.setNull(index, types[i]);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else {
                statement.setObject(index, value);
            }
        }
    }

    private String sql(int rows) {
        StringBuilder sql = new StringBuilder(head.length() + tail.length() + rows * (row.length() + 2));
        sql.append(head);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(", ");
            }
            sql.append(row);
        }
        return sql.append(tail).toString();
    }
}
