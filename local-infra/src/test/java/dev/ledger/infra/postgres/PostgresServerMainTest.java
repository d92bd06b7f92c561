package dev.ledger.infra.postgres;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Runs the server of {@code ./ledger up} as its own process, as the script does: it must keep committed data
 * across a SIGTERM and a restart, run with synchronous_commit on, and let no connection in without the password
 * (also in a data directory an earlier {@code ./ledger up} made with trust authentication).
 */
class PostgresServerMainTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final String PASSWORD = "pw-" + Long.toHexString(System.nanoTime());

    @TempDir
    Path temp;

    private Process server;
    private Path log;

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null && server.isAlive()) {
            server.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void keepsCommittedDataAcrossStopAndStartAndCommitsSynchronously() throws Exception {
        Path data = temp.resolve("postgres");
        Path ready = temp.resolve("postgres.ready");
        int port = freePort();
        String url = url(port, "ledger_command");

        server = start(data, port, ready);
        try (Connection connection = DriverManager.getConnection(url, "postgres", PASSWORD);
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SHOW synchronous_commit")).isEqualTo("on");
            assertThat(single(statement, "SHOW fsync")).isEqualTo("on");
            statement.execute("CREATE TABLE kept (note text)");
            statement.execute("INSERT INTO kept VALUES ('written before the stop')");
        }
        stopWithSigterm(server);
        assertThat(ready).as("ready file removed on shutdown").doesNotExist();
        assertThat(data.resolve("postmaster.pid")).as("PostgreSQL shut down cleanly").doesNotExist();

        server = start(data, port, ready);
        try (Connection connection = DriverManager.getConnection(url, "postgres", PASSWORD);
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT note FROM kept")).isEqualTo("written before the stop");
            assertThat(single(statement, "SELECT count(*) FROM pg_database WHERE datname IN ('ledger_command', 'ledger_query')"))
                    .isEqualTo("2");
        }
        stopWithSigterm(server);
    }

    @Test
    void aNewDataDirectoryLetsNoConnectionInWithoutThePassword() throws Exception {
        Path data = temp.resolve("postgres");
        int port = freePort();

        server = start(data, port, temp.resolve("postgres.ready"));

        assertRefused(port, null);
        assertRefused(port, PASSWORD + "x");
        try (Connection connection = DriverManager.getConnection(url(port, "ledger_query"), "postgres", PASSWORD);
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'"))
                    .isEqualTo("t");
        }
        assertThat(hbaMethods(data)).isNotEmpty().allMatch("scram-sha-256"::equals);
        assertThat(Files.readString(log)).doesNotContain("trust");
        assertThat(temp.resolve("postgres.initdb-password")).as("initdb's password file is removed").doesNotExist();
        stopWithSigterm(server);
    }

    @Test
    void convertsADataDirectoryMadeWithTrustAuthenticationOnceAndKeepsItsData() throws Exception {
        Path data = temp.resolve("postgres");
        int port = freePort();
        try (LocalPostgres earlier = LocalPostgres.durable(data, port)) { // what ./ledger up made before passwords
            earlier.createDatabaseIfMissing("ledger_command");
            try (Connection connection = DriverManager.getConnection(url(port, "ledger_command"), "postgres", "");
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE kept (note text)");
                statement.execute("INSERT INTO kept VALUES ('written without a password')");
            }
        }
        assertThat(hbaMethods(data)).contains("trust");

        server = start(data, port, temp.resolve("postgres.ready"));
        assertThat(Files.readString(log)).containsOnlyOnce("switched pg_hba.conf from trust to scram-sha-256");
        assertRefused(port, null);
        try (Connection connection = DriverManager.getConnection(url(port, "ledger_command"), "postgres", PASSWORD);
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT note FROM kept")).isEqualTo("written without a password");
        }
        assertThat(hbaMethods(data)).isNotEmpty().allMatch("scram-sha-256"::equals);
        stopWithSigterm(server);

        server = start(data, port, temp.resolve("postgres.ready"));
        assertThat(Files.readString(log)).as("converted once").doesNotContain("switched pg_hba.conf");
        assertRefused(port, null);
        stopWithSigterm(server);
    }

    /** Starts the server with a new log, {@link #log}. */
    private Process start(Path data, int port, Path ready) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path passwordFile = temp.resolve("postgres-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        log = temp.resolve("postgres-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PostgresServerMain.class.getName(),
                "--data-dir", data.toString(), "--port", String.valueOf(port), "--password-file", passwordFile.toString(),
                "--database", "ledger_command", "--database", "ledger_query",
                "--ready-file", ready.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(ready)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("PostgresServerMain did not become ready:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        return process;
    }

    private static String url(int port, String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static void assertRefused(int port, String password) {
        assertThatThrownBy(() -> DriverManager.getConnection(url(port, "ledger_command"), "postgres", password).close())
                .as("a connection with password %s", password == null ? "none" : "'" + password + "'")
                .isInstanceOf(SQLException.class);
    }

    /** The authentication method (last field) of each rule in pg_hba.conf. */
    private static List<String> hbaMethods(Path data) throws IOException {
        return Files.readAllLines(data.resolve("pg_hba.conf")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.substring(line.lastIndexOf(' ') + 1)).toList();
    }

    private static void stopWithSigterm(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s after SIGTERM").isTrue();
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).isTrue();
            return result.getString(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
