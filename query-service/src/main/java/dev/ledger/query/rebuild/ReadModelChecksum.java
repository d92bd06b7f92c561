package dev.ledger.query.rebuild;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A fingerprint of the read model's content: per table an md5 over the md5 of each row (its deterministic
 * columns, in primary-key order), and an overall md5 over the tables' checksums. Two read models holding the
 * same events have the same checksums, whenever and however they were projected. {@link #ofDebate} is the same
 * over one debate's rows only (every table is keyed by debate_id first), so two ledgers that share only that
 * debate, an exported one and the ledger it was imported into, can be compared.
 */
@Component
public class ReadModelChecksum {

    public record TableChecksum(long rows, String checksum) {
    }

    public record Checksum(String overall, Map<String, TableChecksum> tables) {
    }

    private final JdbcClient jdbc;

    public ReadModelChecksum(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Checksum of(String schema) {
        return of(schema, null);
    }

    /** The checksum of one debate's rows; empty when no table holds a row of it. */
    public Optional<Checksum> ofDebate(String schema, String debateId) {
        Checksum checksum = of(schema, debateId);
        boolean known = checksum.tables().values().stream().anyMatch(table -> table.rows() > 0);
        return known ? Optional.of(checksum) : Optional.empty();
    }

    private Checksum of(String schema, String debateId) {
        Map<String, TableChecksum> tables = new LinkedHashMap<>();
        StringBuilder all = new StringBuilder();
        for (ReadModelTables.Table table : ReadModelTables.ALL) {
            TableChecksum checksum = table(schema, table, debateId);
            tables.put(table.name(), checksum);
            all.append(table.name()).append('=').append(checksum.checksum()).append(';');
        }
        return new Checksum(md5(all.toString()), tables);
    }

    /** Every row of the table, or only those of {@code debateId} when it is not null. */
    private TableChecksum table(String schema, ReadModelTables.Table table, String debateId) {
        List<String> columns = jdbc.sql("""
                        SELECT column_name FROM information_schema.columns
                        WHERE table_schema = :schema AND table_name = :table ORDER BY ordinal_position""")
                .param("schema", schema)
                .param("table", table.name())
                .query(String.class)
                .list()
                .stream()
                .filter(column -> !table.wallClock().contains(column))
                .toList();
        String row = columns.stream().map(ReadModelChecksum::quote).collect(Collectors.joining(", "));
        String order = table.primaryKey().stream().map(ReadModelChecksum::quote).collect(Collectors.joining(", "));
        String rows = quote(schema) + "." + quote(table.name()) + (debateId == null ? "" : " WHERE debate_id = :debateId");
        JdbcClient.StatementSpec query = jdbc.sql("SELECT count(*) AS n, md5(coalesce(string_agg(md5(ROW(" + row
                + ")::text), '' ORDER BY " + order + "), '')) AS checksum FROM " + rows);
        if (debateId != null) {
            query = query.param("debateId", debateId);
        }
        return query.query((rs, i) -> new TableChecksum(rs.getLong("n"), rs.getString("checksum"))).single();
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
