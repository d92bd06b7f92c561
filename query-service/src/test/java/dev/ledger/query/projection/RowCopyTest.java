package dev.ledger.query.projection;

import dev.ledger.infra.postgres.LocalPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Array;
import java.sql.Types;
import java.util.Collections;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * COPY's encoding against a real PostgreSQL: what the COPY writes is exactly what ReadModelRows' INSERT (its
 * parameters bound the same way) writes.
 */
class RowCopyTest {

    private static final String COLUMNS = "(id, label, counter, ratio, at, tags, details, decided)";

    private static LocalPostgres postgres;
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;

    @BeforeAll
    static void start() {
        postgres = LocalPostgres.throwaway();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(
                postgres.createDatabaseIfMissing("row_copy"), LocalPostgres.USER, "");
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @BeforeEach
    void tables() {
        for (String table : List.of("copied", "inserted")) {
            jdbc.execute("DROP TABLE IF EXISTS " + table);
            jdbc.execute("CREATE TABLE " + table + " (id bigint PRIMARY KEY, label text, counter bigint, "
                    + "ratio double precision, at timestamptz, tags text[], details jsonb, decided boolean)");
        }
    }

    private static void copy(String table, List<Object[]> rows) {
        RowCopy.into(table + " " + COLUMNS).copyAll(jdbc, rows, clashing -> insert(table, clashing));
    }

    /** As ReadModelRows sends them: one multi-row INSERT ... ON CONFLICT DO NOTHING, nulls typed by the column. */
    private static void insert(String table, List<Object[]> rows) {
        String row = "(?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?)";
        jdbc.update("INSERT INTO " + table + " " + COLUMNS + " VALUES " + String.join(", ", Collections.nCopies(rows.size(), row))
                + " ON CONFLICT (id) DO NOTHING", (PreparedStatementSetter) statement -> {
            int index = 1;
            for (Object[] values : rows) {
                for (Object value : values) {
                    if (value == null) {
                        statement.setNull(index++, Types.NULL);
                    } else if (value instanceof String text) {
                        statement.setString(index++, text);
                    } else {
                        statement.setObject(index++, value);
                    }
                }
            }
        });
    }

    private static final List<String> TRICKY = List.of(
            "", "plain", "tab\there", "new\nline", "carriage\r\nreturn", "back\\slash", "\\N", "\\.", "ends with \\",
            "\"double\" and 'single' quotes", "comma, {brace} [bracket]", "NULL", "unicode: é ü 漢字 🎉 \u00a0",
            "a\u0001control", "  spaced  ");

    private static List<Object[]> trickyRows() {
        List<Object[]> rows = new ArrayList<>();
        long id = 1;
        for (String text : TRICKY) {
            rows.add(new Object[]{id, text, id * 1_000_000_007L, id / 7.0,
                    OffsetDateTime.ofInstant(Instant.parse("2024-02-29T23:59:59.123456789Z").plusSeconds(id), ZoneOffset.UTC),
                    new String[]{text, "x", text + "," + text},
                    "{\"text\": \"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                            .replace("\r", "\\r").replace("\t", "\\t").replace("\u0001", "\\u0001")
                            + "\", \"n\": [1, 2.5, null], \"nested\": {\"ok\": true}}"});
            id++;
        }
        rows.add(new Object[]{id++, null, null, null, null, null, null});
        rows.add(new Object[]{id++, "empty array", 0L, 0.0, OffsetDateTime.parse("1999-12-31T23:00:00+01:00"),
                new String[0], "[]"});
        rows.add(new Object[]{id++, "array with a null", -1L, 1.0E-300, OffsetDateTime.parse("2024-01-01T00:00:00.0000005Z"),
                new String[]{null, "NULL", "", "{}"}, "\"just a string\""});
        rows.add(new Object[]{id++, "far dates", 1L, 1.0, OffsetDateTime.parse("+12345-06-07T08:09:10.5Z"),
                new String[]{"a"}, "1"});
        rows.add(new Object[]{id++, "early dates", 2L, 0.5, OffsetDateTime.parse("0500-06-07T08:09:10-03:00"),
                new String[]{"b"}, "2"});
        rows.add(new Object[]{id++, "before year 1", 3L, 0.25, OffsetDateTime.parse("-0099-12-31T23:59:59.999999Z"),
                new String[]{"c"}, "3"});
        rows.add(new Object[]{id, "doubles", Long.MAX_VALUE, 0.1 + 0.2, OffsetDateTime.parse("2024-01-01T00:00:00.9999995Z"),
                new String[]{"\\", "\"", "\t"}, "{}"});
        Boolean[] decided = {true, false, null};
        List<Object[]> withDecided = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = Arrays.copyOf(rows.get(i), 8);
            row[7] = decided[i % decided.length];
            withDecided.add(row);
        }
        return withDecided;
    }

    @Test
    void copiedRowsAreExactlyTheInsertedOnes() {
        List<Object[]> rows = trickyRows();
        transaction.executeWithoutResult(status -> {
            copy("copied", rows);
            insert("inserted", rows);
        });

        assertThat(jdbc.queryForObject("SELECT count(*) FROM copied", Long.class)).isEqualTo(rows.size());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT * FROM copied EXCEPT SELECT * FROM inserted) d", Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT * FROM inserted EXCEPT SELECT * FROM copied) d", Long.class)).isZero();
        for (Object[] row : rows) {
            jdbc.query("SELECT label, counter, ratio, tags FROM copied WHERE id = ?", rs -> {
                assertThat(rs.getString(1)).isEqualTo(row[1]);
                assertThat(rs.getObject(2)).isEqualTo(row[2]);
                assertThat(rs.getObject(3)).isEqualTo(row[3]);
                Array tags = rs.getArray(4);
                assertThat(tags == null ? null : (Object[]) tags.getArray()).isEqualTo(row[5]);
            }, row[0]);
        }
        assertThat(jdbc.queryForObject("SELECT details->>'text' FROM copied WHERE id = 3", String.class)).isEqualTo("tab\there");
        assertThat(jdbc.queryForObject("SELECT at FROM copied WHERE id = 1", OffsetDateTime.class).toInstant())
                .isEqualTo(Instant.parse("2024-03-01T00:00:00.123457Z"));
    }

    @Test
    void aRowClashingWithOneAlreadyThereFallsBackToTheInsertAndItsOnConflict() {
        Object[] first = {1L, "first", 1L, 0.5, OffsetDateTime.parse("2024-01-01T00:00:00Z"), new String[]{"a"}, "{}", true};
        Object[] again = {1L, "again", 2L, 0.6, OffsetDateTime.parse("2024-01-02T00:00:00Z"), new String[]{"b"}, "{}", false};
        Object[] second = {2L, "second", 3L, 0.7, OffsetDateTime.parse("2024-01-03T00:00:00Z"), new String[0], "[]", null};
        transaction.executeWithoutResult(status -> {
            copy("copied", List.<Object[]>of(first));
            copy("copied", List.<Object[]>of(again, second));
            jdbc.update("INSERT INTO inserted (id, label) VALUES (99, 'the transaction is still usable')");
        });

        assertThat(jdbc.queryForList("SELECT id || ' ' || label || ' ' || coalesce(decided::text, '-') FROM copied ORDER BY id",
                String.class)).containsExactly("1 first true", "2 second -");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM inserted", Long.class)).isEqualTo(1);
    }
}
