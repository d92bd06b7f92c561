package dev.ledger.infra.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The PostgreSQL server of {@code ./ledger up}: a durable {@link LocalPostgres} that runs in the foreground of
 * this process until it receives SIGTERM, then stops PostgreSQL cleanly.
 * <p>
 * Usage: {@code PostgresServerMain --data-dir DIR --port N --password-file FILE [--database NAME]... [--ready-file FILE]}.
 * Every connection must give the password in the password file (scram-sha-256), the server's own included.
 * Once every database exists it writes the ready file (if given), which {@code ./ledger} waits for, and
 * removes it again on shutdown.
 */
public final class PostgresServerMain {

    private PostgresServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("PostgresServerMain: " + e.getMessage());
            System.err.println("usage: PostgresServerMain --data-dir DIR --port N --password-file FILE [--database NAME]... [--ready-file FILE]");
            System.exit(2);
            return;
        }

        LocalPostgres postgres;
        try {
            Files.createDirectories(options.dataDirectory());
            postgres = LocalPostgres.durable(options.dataDirectory(), options.port(), password(options.passwordFile()));
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgreSQL did not start (data " + options.dataDirectory() + ", port " + options.port()
                    + "): " + rootMessage(e));
            System.exit(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping PostgreSQL on port " + options.port());
            deleteQuietly(options.readyFile());
            try {
                postgres.close();
                System.out.println("PostgreSQL stopped");
            } finally {
                stopped.countDown();
            }
        }, "postgres-shutdown"));

        if (postgres.switchedFromTrust()) {
            System.out.println("PostgreSQL: the data directory let local connections in without a password (made by an earlier"
                    + " ./ledger up); set the postgres user's password from " + options.passwordFile()
                    + " and switched pg_hba.conf from trust to scram-sha-256");
        }
        try {
            for (String database : options.databases()) {
                postgres.createDatabaseIfMissing(database);
            }
            System.out.println("PostgreSQL ready on 127.0.0.1:" + options.port()
                    + ", data in " + options.dataDirectory()
                    + ", databases " + options.databases()
                    + ", synchronous_commit=" + postgres.setting("synchronous_commit")
                    + ", fsync=" + postgres.setting("fsync")
                    + ", password_encryption=" + postgres.setting("password_encryption"));
            if (options.readyFile() != null) {
                Files.writeString(options.readyFile(), ProcessHandle.current().pid() + System.lineSeparator());
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgreSQL started but could not be prepared: " + rootMessage(e));
            System.exit(1); // runs the shutdown hook, which stops PostgreSQL
        }
        stopped.await();
    }

    private static String password(Path file) throws IOException {
        String password = Files.readString(file).strip();
        if (password.isEmpty()) {
            throw new IOException("the password file " + file + " is empty");
        }
        return password;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a stale ready file is harmless: ./ledger also checks the process and the port
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == error ? error.getMessage() : error.getMessage() + " (" + root.getMessage() + ")";
        return message == null ? error.getClass().getSimpleName() : message;
    }

    record Options(Path dataDirectory, int port, Path passwordFile, List<String> databases, Path readyFile) {

        static Options parse(String[] args) {
            Path dataDirectory = null;
            Integer port = null;
            Path readyFile = null;
            Path passwordFile = null;
            List<String> databases = new ArrayList<>();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                String value = args[++i];
                switch (name) {
                    case "--data-dir" -> dataDirectory = Path.of(value).toAbsolutePath();
                    case "--port" -> port = parsePort(value);
                    case "--password-file" -> passwordFile = Path.of(value).toAbsolutePath();
                    case "--database" -> databases.add(value);
                    case "--ready-file" -> readyFile = Path.of(value).toAbsolutePath();
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (dataDirectory == null || port == null || passwordFile == null) {
                throw new IllegalArgumentException("--data-dir, --port and --password-file are required");
            }
            return new Options(dataDirectory, port, passwordFile, List.copyOf(databases), readyFile);
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--port must be a number from 1 to 65535, not " + value);
            }
        }
    }
}
