package dev.ledger.infra.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL server run from the binaries that io.zonky.test ships on Maven Central.
 * <p>
 * zonky's defaults suit throw-away test databases ({@code fsync} and {@code synchronous_commit} off, a
 * temporary data directory). A ledger must not lose acknowledged writes, so {@link #durable} turns both
 * back on and keeps the data directory between runs; {@link #throwaway} keeps zonky's fast defaults for tests.
 */
public final class LocalPostgres implements AutoCloseable {

    public static final String USER = "postgres";

    /** The authentication method of a pg_hba.conf line is its last field (trust takes no options). */
    private static final Pattern TRUST_METHOD = Pattern.compile("\\btrust\\s*$");

    private final EmbeddedPostgres postgres;
    private boolean switchedFromTrust;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /**
     * A server whose data survives restarts, with every commit flushed before it is acknowledged, and trust
     * authentication: for tests that stop and restart a database. {@code ./ledger up} uses {@link #durable(Path, int, String)}.
     */
    public static LocalPostgres durable(Path dataDirectory, int port) {
        return start(durableBuilder(dataDirectory, port), dataDirectory, port);
    }

    /**
     * A durable server where every connection, local ones included, must give the superuser's password
     * (scram-sha-256). A new data directory is initialised that way; one made earlier with trust
     * authentication is converted once: the password is set, pg_hba.conf rewritten and reloaded.
     */
    public static LocalPostgres durable(Path dataDirectory, int port, String password) {
        if (password == null || password.isBlank()) {
            throw new IllegalArgumentException("the PostgreSQL password must not be empty");
        }
        Path passwordFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".initdb-password");
        try {
            // zonky runs initdb with "-A trust" and then every locale option as --name=value; initdb takes the
            // last --auth it is given, so these two make a new data directory password-only from the start.
            writeOwnerOnly(passwordFile, password);
            EmbeddedPostgres.Builder builder = durableBuilder(dataDirectory, port)
                    .setLocaleConfig("auth", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password);
            LocalPostgres postgres = start(builder, dataDirectory, port);
            postgres.switchedFromTrust = postgres.requirePasswords(dataDirectory.resolve("pg_hba.conf"), password);
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare PostgreSQL's password in " + passwordFile, e);
        } finally {
            try {
                Files.deleteIfExists(passwordFile);
            } catch (IOException ignored) {
                // owner-only and the same password the data directory holds anyway
            }
        }
    }

    private static EmbeddedPostgres.Builder durableBuilder(Path dataDirectory, int port) {
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60));
    }

    private static LocalPostgres start(EmbeddedPostgres.Builder builder, Path dataDirectory, int port) {
        try {
            return new LocalPostgres(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not start in " + dataDirectory + " on port " + port, e);
        }
    }

    /**
     * Converts a data directory that still lets connections in without a password (made by an earlier
     * {@code ./ledger up}): sets the superuser's password first, then switches every trust line of pg_hba.conf to
     * scram-sha-256 and reloads, so no moment exists in which the server wants a password it does not have.
     */
    private boolean requirePasswords(Path hbaFile, String password) throws IOException {
        List<String> lines = Files.readAllLines(hbaFile, StandardCharsets.UTF_8);
        List<String> converted = lines.stream().map(line -> line.stripLeading().startsWith("#") ? line
                : TRUST_METHOD.matcher(line).replaceFirst("scram-sha-256")).toList();
        if (converted.equals(lines)) {
            return false;
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + USER + " PASSWORD " + quoted(password));
            Files.write(hbaFile, converted, StandardCharsets.UTF_8);
            try (ResultSet reloaded = statement.executeQuery("SELECT pg_reload_conf()")) {
                reloaded.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not switch PostgreSQL to password authentication: " + e.getMessage(), e);
        }
        return true;
    }

    private static String quoted(String literal) {
        return "'" + literal.replace("'", "''") + "'";
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A fast server on a free port whose data is deleted on close: for tests. */
    public static LocalPostgres throwaway() {
        try {
            return new LocalPostgres(EmbeddedPostgres.builder()
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("throw-away PostgreSQL did not start", e);
        }
    }

    /** Whether {@link #durable(Path, int, String)} found a data directory with trust authentication and converted it. */
    public boolean switchedFromTrust() {
        return switchedFromTrust;
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl(String database) {
        return postgres.getJdbcUrl(USER, database);
    }

    /** Creates the database unless it exists, and returns its JDBC URL. */
    public String createDatabaseIfMissing(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            try (ResultSet exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
                if (!exists.next()) {
                    statement.execute("CREATE DATABASE " + database);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + ": " + e.getMessage(), e);
        }
        return jdbcUrl(database);
    }

    /** The value of a server setting as {@code SHOW name} reports it, e.g. {@code synchronous_commit}. */
    public String setting(String name) {
        if (!name.matches("[a-z_]{1,63}")) {
            throw new IllegalArgumentException("not a setting name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet value = statement.executeQuery("SHOW " + name)) {
            value.next();
            return value.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read setting " + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly", e);
        }
    }
}
