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

/**
 * Runs the server of {@code ./ledger up} as its own process, as the script does: it must keep committed data
 * across a SIGTERM and a restart, and run with synchronous_commit on.
 */
class PostgresServerMainTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    private Process server;

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
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/ledger_command?user=postgres";

        server = start(data, port, ready);
        try (Connection connection = DriverManager.getConnection(url);
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
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            assertThat(single(statement, "SELECT note FROM kept")).isEqualTo("written before the stop");
            assertThat(single(statement, "SELECT count(*) FROM pg_database WHERE datname IN ('ledger_command', 'ledger_query')"))
                    .isEqualTo("2");
        }
        stopWithSigterm(server);
    }

    private Process start(Path data, int port, Path ready) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = temp.resolve("postgres-" + System.nanoTime() + ".log");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                PostgresServerMain.class.getName(),
                "--data-dir", data.toString(), "--port", String.valueOf(port),
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
