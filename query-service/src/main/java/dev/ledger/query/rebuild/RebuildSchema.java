package dev.ledger.query.rebuild;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rebuild's tables: a copy of each read-model table ({@code LIKE public.t INCLUDING ALL}) in schema
 * {@value #SCHEMA}, with the rebuild's bookkeeping next to them, and the swap that puts them in place of the
 * live ones in one transaction.
 */
@Component
class RebuildSchema {

    static final String SCHEMA = "ledger_rebuild";
    private static final String RETIRED = "ledger_retired";
    private static final Logger log = LoggerFactory.getLogger(RebuildSchema.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    RebuildSchema(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** The source of an unfinished rebuild whose tables are still there, if any. */
    Optional<RebuildSource> unfinished() {
        Boolean exists = jdbc.queryForObject("SELECT to_regclass('" + SCHEMA + ".rebuild_run') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(exists)) {
            return Optional.empty();
        }
        List<String> sources = jdbc.queryForList("SELECT source FROM " + SCHEMA + ".rebuild_run", String.class);
        return sources.isEmpty() ? Optional.empty() : Optional.of(RebuildSource.parse(sources.get(0)));
    }

    /** Drops whatever an earlier rebuild left and creates empty copies of the live tables. */
    void createFresh(RebuildSource source) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            jdbc.execute("CREATE SCHEMA " + SCHEMA);
            // Only the primary keys now (the writers' ON CONFLICT needs them); the other indexes are built once
            // the bulk of the events is in (createSecondaryIndexes), which is much cheaper than maintaining them
            // row by row. Index definitions and names are the live ones'.
            for (ReadModelTables.Table table : ReadModelTables.ALL) {
                jdbc.execute("CREATE TABLE " + SCHEMA + "." + table.name() + " (LIKE public." + table.name()
                        + " INCLUDING ALL EXCLUDING INDEXES)");
            }
            for (LiveIndex index : liveIndexes()) {
                if (index.primaryKey()) {
                    jdbc.execute(index.inRebuildSchema());
                    jdbc.execute("ALTER TABLE " + SCHEMA + "." + index.table() + " ADD CONSTRAINT \"" + index.name()
                            + "\" PRIMARY KEY USING INDEX \"" + index.name() + "\"");
                }
            }
            jdbc.execute("CREATE TABLE " + SCHEMA + ".rebuild_run (source text NOT NULL, started_at timestamptz NOT NULL DEFAULT now())");
            jdbc.execute("""
                    CREATE TABLE %s.rebuild_kafka_offset (
                        partition   integer PRIMARY KEY,
                        next_offset bigint  NOT NULL)""".formatted(SCHEMA));
            jdbc.update("INSERT INTO " + SCHEMA + ".rebuild_run (source) VALUES (?)", source.wireName());
        });
    }

    /** Builds the live tables' other indexes on the rebuilt tables (idempotent, so a resumed rebuild may repeat it). */
    void createSecondaryIndexes() {
        for (LiveIndex index : liveIndexes()) {
            if (!index.primaryKey()) {
                jdbc.execute(index.inRebuildSchema());
            }
        }
    }

    private record LiveIndex(String table, String name, String definition, boolean primaryKey) {

        /** The live index's definition, on the rebuild schema's table, IF NOT EXISTS. */
        String inRebuildSchema() {
            return definition
                    .replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX IF NOT EXISTS ")
                    .replace(" ON public." + table + " ", " ON " + SCHEMA + "." + table + " ");
        }
    }

    private List<LiveIndex> liveIndexes() {
        List<String> tables = ReadModelTables.ALL.stream().map(ReadModelTables.Table::name).toList();
        return jdbc.query("""
                        SELECT t.relname, ix.relname, pg_get_indexdef(i.indexrelid), i.indisprimary
                        FROM pg_index i
                        JOIN pg_class t ON t.oid = i.indrelid
                        JOIN pg_namespace n ON n.oid = t.relnamespace
                        JOIN pg_class ix ON ix.oid = i.indexrelid
                        WHERE n.nspname = 'public'
                        ORDER BY t.relname, ix.relname""",
                        (rs, row) -> new LiveIndex(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                .stream()
                .filter(index -> tables.contains(index.table()))
                .toList();
    }

    void drop() {
        jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }

    Map<Integer, Long> kafkaOffsets() {
        Map<Integer, Long> offsets = new HashMap<>();
        jdbc.query("SELECT partition, next_offset FROM " + SCHEMA + ".rebuild_kafka_offset",
                rs -> { offsets.put(rs.getInt(1), rs.getLong(2)); });
        return offsets;
    }

    /** Called inside a batch's transaction, so the offsets reached commit together with the batch. */
    void saveKafkaOffsets(Map<Integer, Long> nextOffsets) {
        List<Object[]> rows = nextOffsets.entrySet().stream()
                .map(entry -> new Object[]{entry.getKey(), entry.getValue()})
                .toList();
        jdbc.batchUpdate("INSERT INTO " + SCHEMA + ".rebuild_kafka_offset (partition, next_offset) VALUES (?, ?) "
                + "ON CONFLICT (partition) DO UPDATE SET next_offset = excluded.next_offset", rows);
    }

    /** The debates whose live projection is ahead of the rebuilt one: debate id -> {rebuilt, live}. */
    Map<String, long[]> debatesBehindLive() {
        Map<String, long[]> behind = new HashMap<>();
        jdbc.query("""
                SELECT l.debate_id, coalesce(r.last_sequence, 0), l.last_sequence
                FROM public.debate_progress l LEFT JOIN %s.debate_progress r ON r.debate_id = l.debate_id
                WHERE l.last_sequence > coalesce(r.last_sequence, 0)""".formatted(SCHEMA),
                rs -> { behind.put(rs.getString(1), new long[]{rs.getLong(2), rs.getLong(3)}); });
        return behind;
    }

    /**
     * In one transaction: the live tables move to a retired schema, the rebuilt ones into public, the retired
     * ones are dropped and the rebuilt indexes get the live ones' names back. Readers wait on the table locks
     * for the moment this takes and then see the rebuilt model, never half of each. Returns false, swapping
     * nothing, when under those locks some debate is further in the live model than in the rebuilt one (a
     * gap repair committed after the caller caught up): its events would be lost with the live tables.
     */
    boolean swapUnlessLiveIsAhead() {
        Boolean swapped = transaction.execute(status -> {
            jdbc.execute("SET LOCAL lock_timeout = '30s'");
            String live = ReadModelTables.ALL.stream().map(t -> "public." + t.name()).collect(Collectors.joining(", "));
            jdbc.execute("LOCK TABLE " + live + " IN ACCESS EXCLUSIVE MODE");
            if (!debatesBehindLive().isEmpty()) {
                status.setRollbackOnly();
                return false;
            }
            jdbc.execute("DROP SCHEMA IF EXISTS " + RETIRED + " CASCADE");
            jdbc.execute("CREATE SCHEMA " + RETIRED);
            for (ReadModelTables.Table table : ReadModelTables.ALL) {
                jdbc.execute("ALTER TABLE public." + table.name() + " SET SCHEMA " + RETIRED);
                jdbc.execute("ALTER TABLE " + SCHEMA + "." + table.name() + " SET SCHEMA public");
            }
            Map<String, String> liveNames = indexNamesByDefinition(RETIRED);
            Map<String, String> rebuiltNames = indexNamesByDefinition("public");
            jdbc.execute("DROP SCHEMA " + RETIRED + " CASCADE");
            rebuiltNames.forEach((definition, name) -> {
                String liveName = liveNames.get(definition);
                if (liveName != null && !liveName.equals(name)) {
                    jdbc.execute("ALTER INDEX public.\"" + name + "\" RENAME TO \"" + liveName + "\"");
                }
            });
            jdbc.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            return true;
        });
        if (Boolean.TRUE.equals(swapped)) {
            log.info("Swapped the rebuilt read model in: {} tables", ReadModelTables.ALL.size());
        }
        return Boolean.TRUE.equals(swapped);
    }

    /** Index definition without its name and schema (table + method + columns) -> index name, for the read-model tables. */
    private Map<String, String> indexNamesByDefinition(String schema) {
        Map<String, String> names = new HashMap<>();
        List<String> tables = ReadModelTables.ALL.stream().map(ReadModelTables.Table::name).toList();
        jdbc.query("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = ?", rs -> {
            String table = rs.getString(1);
            if (tables.contains(table)) {
                String definition = rs.getString(3);
                String key = table + (definition.startsWith("CREATE UNIQUE") ? " unique " : " ")
                        + definition.substring(definition.indexOf(" USING "));
                names.put(key, rs.getString(2));
            }
        }, schema);
        return names;
    }
}
