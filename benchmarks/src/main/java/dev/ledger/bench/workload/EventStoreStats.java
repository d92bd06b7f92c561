package dev.ledger.bench.workload;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Read-only look at the ledger's event store (database ledger_command): how many events and participants it
 * holds, and how big its rows are. The harness never writes there.
 */
public final class EventStoreStats {

    /** Average stored sizes of recent events, in bytes. */
    public record RowSize(int payloadBytes, int metaDataBytes) {
    }

    private final String url;
    private final String user;
    private final String password;

    public EventStoreStats(String serverUrl, String user, String password) {
        this.url = serverUrl.replaceAll("/[^/]*$", "/") + "ledger_command";
        this.user = user;
        this.password = password;
    }

    public long events() throws SQLException {
        return single("SELECT count(*) FROM domain_event_entry");
    }

    public long participants() throws SQLException {
        return single("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ParticipantJoined'");
    }

    public long debates() throws SQLException {
        return single("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%DebateOpened'");
    }

    public RowSize recentRowSize() throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT coalesce(avg(length(payload)), 0), coalesce(avg(coalesce(length(meta_data), 0)), 0)
                     FROM (SELECT payload, meta_data FROM domain_event_entry ORDER BY global_index DESC LIMIT 5000) recent""")) {
            row.next();
            return new RowSize((int) Math.round(row.getDouble(1)), (int) Math.round(row.getDouble(2)));
        }
    }

    private long single(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    public String serverVersion() {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW server_version")) {
            row.next();
            return row.getString(1);
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
