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

    /** A rebuild whose tables exist: where it reads from, and (from Kafka) its own consumer group. */
    record Run(RebuildSource source, String group) {
    }

    /** The unfinished rebuild whose tables are still there, if any. */
    Optional<Run> unfinished() {
        Boolean exists = jdbc.queryForObject("SELECT to_regclass('" + SCHEMA + ".rebuild_run') IS NOT NULL", Boolean.class);
        if (!Boolean.TRUE.equals(exists)) {
            return Optional.empty();
        }
        return jdbc.query("SELECT source, consumer_group FROM " + SCHEMA + ".rebuild_run",
                (rs, row) -> new Run(RebuildSource.parse(rs.getString(1)), rs.getString(2))).stream().findFirst();
    }

    /** Drops whatever an earlier rebuild left and creates empty copies of the live tables. */
    void createFresh(Run run) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
            jdbc.execute("CREATE SCHEMA " + SCHEMA);
            // Only the primary keys now (the writers' ON CONFLICT needs them); the other indexes are built once
            // the bulk of the events is in (createSecondaryIndexes), which is much cheaper than maintaining them
            // row by row. Index names are the live ones', so the swap needs no renaming.
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
            jdbc.execute("CREATE TABLE " + SCHEMA + ".rebuild_run (source text NOT NULL, consumer_group text NOT NULL)");
            jdbc.update("INSERT INTO " + SCHEMA + ".rebuild_run (source, consumer_group) VALUES (?, ?)",
                    run.source().wireName(), run.group());
        });
    }

    /** Builds the live tables' other indexes on the rebuilt tables (idempotent, so a resumed rebuild may repeat it). */
    void createSecondaryIndexes() {
        long start = System.nanoTime();
        List<LiveIndex> secondary = liveIndexes().stream().filter(index -> !index.primaryKey()).toList();
        for (LiveIndex index : secondary) {
            jdbc.execute(index.inRebuildSchema());
        }
        log.info("Rebuild built {} secondary indexes in {} ms", secondary.size(), (System.nanoTime() - start) / 1_000_000);
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

    /** The rebuilt tables' progress: debate id -> last applied sequence. */
    Map<String, Long> lastSequences() {
        Map<String, Long> sequences = new HashMap<>();
        jdbc.query("SELECT debate_id, last_sequence FROM " + SCHEMA + ".debate_progress",
                rs -> { sequences.put(rs.getString(1), rs.getLong(2)); });
        return sequences;
    }

    /** A debate the live model has further than the rebuilt one. */
    record Behind(String debateId, long rebuiltSequence, long liveSequence) {
    }

    /** The debates whose live projection is ahead of the rebuilt one. */
    List<Behind> debatesBehindLive() {
        return jdbc.query("""
                        SELECT l.debate_id, coalesce(r.last_sequence, 0), l.last_sequence
                        FROM public.debate_progress l LEFT JOIN %s.debate_progress r ON r.debate_id = l.debate_id
                        WHERE l.last_sequence > coalesce(r.last_sequence, 0)""".formatted(SCHEMA),
                (rs, row) -> new Behind(rs.getString(1), rs.getLong(2), rs.getLong(3)));
    }

    /**
     * In one transaction: the live tables are locked (readers and writers of any instance wait the moment this
     * takes), {@code underLock} brings the rebuilt tables up to them, then the live tables move to a retired schema
     * and are dropped, and the rebuilt ones move into public. Readers see the one model or the other, never half.
     */
    void swap(Runnable underLock) {
        transaction.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL lock_timeout = '30s'");
            String live = ReadModelTables.ALL.stream().map(t -> "public." + t.name()).collect(Collectors.joining(", "));
            jdbc.execute("LOCK TABLE " + live + " IN ACCESS EXCLUSIVE MODE");
            underLock.run();
            jdbc.execute("DROP SCHEMA IF EXISTS " + RETIRED + " CASCADE");
            jdbc.execute("CREATE SCHEMA " + RETIRED);
            for (ReadModelTables.Table table : ReadModelTables.ALL) {
                jdbc.execute("ALTER TABLE public." + table.name() + " SET SCHEMA " + RETIRED);
                jdbc.execute("ALTER TABLE " + SCHEMA + "." + table.name() + " SET SCHEMA public");
            }
            jdbc.execute("DROP SCHEMA " + RETIRED + " CASCADE");
            jdbc.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
        });
        log.info("Swapped the rebuilt read model in: {} tables", ReadModelTables.ALL.size());
    }

    /**
     * Records the live model has parked beyond what the rebuilt one applied (another instance consumed them from
     * the topic after the rebuild read it), with the debates' progress rows, so they are not lost with the live
     * tables. Under the swap's locks.
     */
    void copyParkedRecordsOfLive() {
        jdbc.update("INSERT INTO " + SCHEMA + ".debate_progress (debate_id, last_sequence) "
                + "SELECT debate_id, 0 FROM public.debate_progress ON CONFLICT (debate_id) DO NOTHING");
        jdbc.update("""
                INSERT INTO %1$s.pending_event
                SELECT p.* FROM public.pending_event p JOIN %1$s.debate_progress r ON r.debate_id = p.debate_id
                WHERE p.sequence > r.last_sequence
                ON CONFLICT (debate_id, sequence) DO NOTHING""".formatted(SCHEMA));
    }
}
