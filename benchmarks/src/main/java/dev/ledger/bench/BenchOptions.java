package dev.ledger.bench;

import java.nio.file.Path;

/** Command-line options of the harness; every default is the ledger's own default. */
public record BenchOptions(String mode, String commandUrl, String queryUrl, String postgresUrl, String dbUser,
                           String dbPassword, String kafkaBootstrap, String topic, Path ledgerData, Path adminTokenFile,
                           Path outputDirectory, String ledgerVersion, String ledgerCommit) {

    public static final String USAGE = """
            Usage: BenchMain [--quick | --tiny | --mode full|quick|tiny] [options]
              --command-url URL     command API [http://127.0.0.1:8080]
              --query-url URL       query API [http://127.0.0.1:8081]
              --postgres-url URL    JDBC URL of the ledger's PostgreSQL server [jdbc:postgresql://127.0.0.1:15432/]
              --db-user U, --db-password P   [postgres / empty]
              --kafka HOST:PORT     Kafka bootstrap [127.0.0.1:19092]
              --topic NAME          event topic [ledger.events]
              --ledger-data DIR     the ledger's $LEDGER_DATA (pid files, admin-token) [./data]
              --admin-token-file F  admin token for /admin/rebuild [DIR/admin-token, or $LEDGER_ADMIN_TOKEN]
              --out DIR             where report.md and report.json go [target/bench]
              --ledger-version V, --ledger-commit C   recorded in the report
            """;

    public static BenchOptions parse(String[] args) {
        String mode = "full";
        String commandUrl = "http://127.0.0.1:8080";
        String queryUrl = "http://127.0.0.1:8081";
        String postgresUrl = "jdbc:postgresql://127.0.0.1:15432/";
        String dbUser = "postgres";
        String dbPassword = "";
        String kafka = "127.0.0.1:19092";
        String topic = "ledger.events";
        Path ledgerData = Path.of("data");
        Path tokenFile = null;
        Path out = Path.of("target", "bench");
        String version = "unknown";
        String commit = "unknown";
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
                case "--db-password" -> dbPassword = value(args, ++i, arg);
                case "--kafka" -> kafka = value(args, ++i, arg);
                case "--topic" -> topic = value(args, ++i, arg);
                case "--ledger-data" -> ledgerData = Path.of(value(args, ++i, arg));
                case "--admin-token-file" -> tokenFile = Path.of(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--ledger-version" -> version = value(args, ++i, arg);
                case "--ledger-commit" -> commit = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        BenchSettings.of(mode);
        if (tokenFile == null) {
            tokenFile = ledgerData.resolve("admin-token");
        }
        return new BenchOptions(mode, commandUrl, queryUrl, postgresUrl, dbUser, dbPassword, kafka, topic, ledgerData,
                tokenFile, out, version, commit);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
