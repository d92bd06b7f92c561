package dev.ledger.query;

import dev.ledger.query.rebuild.ReadModelTables;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A table a migration adds must be registered, or a rebuild would silently drop it and checksums ignore it. */
class ReadModelTablesTest extends QueryServiceTestBase {

    @Test
    void everyTableFlywayCreatesIsARegisteredReadModelTable() {
        List<String> inSchema = jdbc.sql("""
                        SELECT table_name FROM information_schema.tables
                        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'""")
                .query(String.class).list().stream()
                .filter(table -> !ReadModelTables.NOT_PROJECTED.contains(table)).toList();
        List<String> registered = ReadModelTables.ALL.stream().map(ReadModelTables.Table::name).toList();
        assertThat(registered)
                .as("register new tables in ReadModelTables (name, primary key, wall-clock columns)")
                .containsExactlyInAnyOrderElementsOf(inSchema);
    }

    @Test
    void everyRegisteredKeyAndWallClockColumnExists() {
        for (ReadModelTables.Table table : ReadModelTables.ALL) {
            List<String> columns = jdbc.sql("""
                            SELECT column_name FROM information_schema.columns
                            WHERE table_schema = 'public' AND table_name = :table""")
                    .param("table", table.name()).query(String.class).list();
            assertThat(columns).as(table.name()).containsAll(table.primaryKey()).containsAll(table.wallClock());
            List<String> primaryKey = jdbc.sql("""
                            SELECT a.attname FROM pg_index i
                            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
                            WHERE i.indrelid = CAST(:table AS regclass) AND i.indisprimary""")
                    .param("table", "public." + table.name()).query(String.class).list();
            assertThat(table.primaryKey()).as(table.name() + " primary key").containsExactlyInAnyOrderElementsOf(primaryKey);
        }
    }
}
