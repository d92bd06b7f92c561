package dev.ledger.bench.limits;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The raw write limit of the ledger's PostgreSQL: plain JDBC inserts of rows shaped and sized like the event
 * store's (same columns, same unique keys), one transaction per row, N connections at once. Writes only into
 * a scratch table of a scratch database ({@value #DATABASE}), never into the ledger's own.
 */
public final class RawJdbcLimit {

    public static final String DATABASE = "ledger_bench";

    /** One event-store-shaped row; parameters: aggregate, sequence, event id, meta_data, payload, time stamp. */
    static final String INSERT = """
            INSERT INTO bench_event (aggregate_identifier, sequence_number, type, event_identifier,
                meta_data, payload, payload_revision, payload_type, time_stamp)
            VALUES (?, ?, 'Debate', ?, ?, ?, '2', 'dev.ledger.events.ViewUpdated', ?)""";

    private final String serverUrl;
    private final String user;
    private final String password;

    /** @param serverUrl a JDBC URL of the server, e.g. jdbc:postgresql://127.0.0.1:15432/ (database ignored) */
    public RawJdbcLimit(String serverUrl, String user, String password) {
        this.serverUrl = serverUrl.replaceAll("/[^/]*$", "/");
        this.user = user;
        this.password = password;
    }

    public String scratchUrl() {
        return serverUrl + DATABASE;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** Creates the scratch database and an empty scratch table. */
    public void prepare() throws SQLException {
        try (Connection admin = DriverManager.getConnection(serverUrl + "postgres", user, password);
             Statement statement = admin.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + DATABASE);
                }
            }
        }
        try (Connection scratch = DriverManager.getConnection(scratchUrl(), user, password);
             Statement statement = scratch.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_event");
            statement.execute("""
                    CREATE TABLE bench_event (
                        global_index         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                        aggregate_identifier VARCHAR(255) NOT NULL,
                        sequence_number      BIGINT       NOT NULL,
                        type                 VARCHAR(255),
                        event_identifier     VARCHAR(255) NOT NULL,
                        meta_data            BYTEA,
                        payload              BYTEA        NOT NULL,
                        payload_revision     VARCHAR(255),
                        payload_type         VARCHAR(255) NOT NULL,
                        time_stamp           VARCHAR(255) NOT NULL,
                        UNIQUE (aggregate_identifier, sequence_number),
                        UNIQUE (event_identifier))""");
        }
    }

    /** Drops the scratch table again. */
    public void cleanUp() {
        try (Connection scratch = DriverManager.getConnection(scratchUrl(), user, password);
             Statement statement = scratch.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS bench_event");
        } catch (SQLException e) {
            // left for the next run's prepare()
        }
    }

    /**
     * Committed single-row transactions per second with this many connections for this long. The connections are
     * opened before the clock starts, as the services' pools are.
     */
    public double insertsPerSecond(int connections, Duration duration, int payloadBytes, int metaDataBytes)
            throws InterruptedException, SQLException {
        byte[] payload = filler(payloadBytes);
        byte[] metaData = filler(metaDataBytes);
        List<Connection> opened = new ArrayList<>();
        try {
            List<ClosedLoop.Operation> workers = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Connection connection = DriverManager.getConnection(scratchUrl(), user, password);
                opened.add(connection);
                connection.setAutoCommit(false);
                PreparedStatement insert = connection.prepareStatement(INSERT);
                String aggregate = UUID.randomUUID().toString();
                long[] sequence = {0};
                workers.add(() -> {
                    insert.setString(1, aggregate);
                    insert.setLong(2, sequence[0]++);
                    insert.setString(3, UUID.randomUUID().toString());
                    insert.setBytes(4, metaData);
                    insert.setBytes(5, payload);
                    insert.setString(6, Instant.now().toString());
                    insert.executeUpdate();
                    connection.commit();
                });
            }
            return ClosedLoop.run(workers, duration, "bench-jdbc").perSecond();
        } finally {
            for (Connection connection : opened) {
                connection.close();
            }
        }
    }

    /** Row content of the given size (ASCII letters, so as many characters as bytes). */
    static byte[] filler(int size) {
        byte[] bytes = new byte[Math.max(0, size)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }
}
