package dev.ledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Command-line options of the harness; every default is the ledger's own default. The database password comes from
 * the environment ({@value #DB_PASSWORD_VARIABLE}), never from the command line, where every local user could read it
 * in the process list.
 */
public record BenchOptions(String mode, String commandUrl, String queryUrl, String postgresUrl, String dbUser,
                           String dbPassword, String kafkaBootstrap, String topic, Path ledgerData, Path serviceTokenFile,
                           Path outputDirectory, String ledgerVersion, String ledgerCommit, Set<String> parts) {

    /**
     * The parts of a run, in the order they run; {@code --only} picks some (e.g. to compare two builds' writes
     * without the 20 minutes of a full run). The log is what replay and the query phases read in a full run.
     */
    public static final List<String> PARTS = List.of("writes", "visibility", "log", "big-debate", "queries", "replay");

    /** Where the harness reads the PostgreSQL password from (the same variable the services read). */
    public static final String DB_PASSWORD_VARIABLE = "LEDGER_DB_PASSWORD";

    public static final String USAGE = """
            Usage: BenchMain [--quick | --tiny | --mode full|quick|tiny] [options]
              --command-url URL     command API [http://127.0.0.1:8080]
              --query-url URL       query API [http://127.0.0.1:8081]
              --postgres-url URL    JDBC URL of the ledger's PostgreSQL server [jdbc:postgresql://127.0.0.1:15432/]
              --db-user U           PostgreSQL user [postgres]; its password from $LEDGER_DB_PASSWORD [empty]
              --kafka HOST:PORT     Kafka bootstrap [127.0.0.1:19092]
              --topic NAME          event topic [ledger.events]
              --ledger-data DIR     the ledger's $LEDGER_DATA (pid files, service-token) [./data]
              --service-token-file F  the services' token: creates the writers' accounts, reads the actuator,
                                    starts /admin/rebuild [DIR/service-token, or $LEDGER_SERVICE_TOKEN]
              --out DIR             where report.md and report.json go [target/bench]
              --only P1,P2          run only these parts: writes, visibility, log, big-debate, queries, replay [all]
              --ledger-version V, --ledger-commit C   recorded in the report
            """;

    public static BenchOptions parse(String[] args) {
        return parse(args, System::getenv);
    }

    /** @param environment the process environment ({@code System::getenv}), a map's {@code get} in tests */
    public static BenchOptions parse(String[] args, UnaryOperator<String> environment) {
        String mode = "full";
        String commandUrl = "http://127.0.0.1:8080";
        String queryUrl = "http://127.0.0.1:8081";
        String postgresUrl = "jdbc:postgresql://127.0.0.1:15432/";
        String dbUser = "postgres";
        String dbPassword = Objects.requireNonNullElse(environment.apply(DB_PASSWORD_VARIABLE), "");
        String kafka = "127.0.0.1:19092";
        String topic = "ledger.events";
        Path ledgerData = Path.of("data");
        Path tokenFile = null;
        Path out = Path.of("target", "bench");
        String version = "unknown";
        String commit = "unknown";
        Set<String> parts = new LinkedHashSet<>(PARTS);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--quick" -> mode = "quick";
                case "--tiny" -> mode = "tiny";
                case "--full" -> mode = "full";
                case "--mode" -> mode = value(args, ++i, arg);
                case "--command-url" -> commandUrl = value(args, ++i, arg);
                case "--query-url" -> queryUrl = value(args, ++i, arg);
                case "--postgres-url" -> postgresUrl = value(args, ++i, arg);
                case "--db-user" -> dbUser = value(args, ++i, arg);
                case "--db-password" -> throw new IllegalArgumentException("--db-password is not accepted: a password on the"
                        + " command line is visible in the process list; set " + DB_PASSWORD_VARIABLE + " instead");
                case "--kafka" -> kafka = value(args, ++i, arg);
                case "--topic" -> topic = value(args, ++i, arg);
                case "--ledger-data" -> ledgerData = Path.of(value(args, ++i, arg));
                case "--service-token-file" -> tokenFile = Path.of(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--ledger-version" -> version = value(args, ++i, arg);
                case "--ledger-commit" -> commit = value(args, ++i, arg);
                case "--only" -> parts = parts(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        BenchSettings.of(mode);
        if (tokenFile == null) {
            tokenFile = ledgerData.resolve("service-token");
        }
        return new BenchOptions(mode, commandUrl, queryUrl, postgresUrl, dbUser, dbPassword, kafka, topic, ledgerData,
                tokenFile, out, version, commit, Set.copyOf(parts));
    }

    private static Set<String> parts(String list) {
        Set<String> parts = new LinkedHashSet<>();
        for (String part : list.split(",")) {
            String name = part.trim();
            if (!PARTS.contains(name)) {
                throw new IllegalArgumentException("--only: unknown part '" + name + "'; the parts are " + String.join(", ", PARTS));
            }
            parts.add(name);
        }
        return parts;
    }

    /** Whether the run measures this part (one of {@link #PARTS}). */
    public boolean runs(String part) {
        if (!PARTS.contains(part)) {
            throw new IllegalArgumentException("no part " + part);
        }
        return parts.contains(part);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }

    /** The services' token: from the token file if readable, else $LEDGER_SERVICE_TOKEN; null when neither has one. */
    public String serviceToken() {
        try {
            if (Files.isReadable(serviceTokenFile)) {
                String token = Files.readString(serviceTokenFile).trim();
                if (!token.isEmpty()) {
                    return token;
                }
            }
        } catch (IOException e) {
            // fall through to the environment
        }
        String token = System.getenv("LEDGER_SERVICE_TOKEN");
        return token == null || token.isBlank() ? null : token.trim();
    }
}
