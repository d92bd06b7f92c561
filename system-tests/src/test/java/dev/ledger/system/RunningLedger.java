package dev.ledger.system;

import dev.ledger.events.history.SigningKey;
import dev.ledger.events.history.VerifierKey;
import dev.ledger.infra.http.AccountTokens;
import dev.ledger.infra.postgres.LocalPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The whole ledger for a test class: real PostgreSQL, a real Kafka broker (KRaft) and both services as
 * separate processes from their packaged jars, all on loopback.
 * <p>
 * {@link #start()} is the plain set-up (one PostgreSQL, an in-JVM broker). {@link #startRestartable()} is the
 * set-up for fault injection: the broker runs as its own process (stoppable and restartable on the same port),
 * the command-service has its own durable PostgreSQL (stoppable without touching the query side), and both
 * services share the service token.
 * <p>
 * Both services share a generated service token; {@link #commands()} sends each command with the token of the
 * participant it names (accounts made through the admin API on first use), as each participant's own client would.
 */
final class RunningLedger implements AutoCloseable {

    static final String TOPIC = "ledger.events";
    static final String COMMAND_DATABASE = "ledger_command";
    /** How long the query-service reuses a token's introspection answer here (production: 30 s). */
    static final Duration INTROSPECTION_CACHE = Duration.ofSeconds(2);
    /** Who sends a command that names no participant (opening a debate). */
    static final String DEFAULT_ACTOR = "opener";

    private final Path work;
    private final LocalPostgres postgres;
    private final EmbeddedKafkaKraftBroker embeddedKafka;
    private final KafkaBrokerProcess kafkaProcess;
    private final Path commandPostgresDirectory;
    private final int commandPostgresPort;
    private final String serviceToken = newServiceToken();
    /** Signs the command-service's checkpoints; kept across restarts of the services. */
    private final SigningKey signingKey = SigningKey.generate("ledger.system-test");
    private AccountTokens accounts;
    private LocalPostgres commandPostgres;
    private ServiceProcess commandService;
    private ServiceProcess queryService;
    /** Further instances of the services, started by {@link #startAnotherCommandService} and {@link #startAnotherQueryService}. */
    private final List<ServiceProcess> otherInstances = new ArrayList<>();

    private RunningLedger(Path work, LocalPostgres postgres, EmbeddedKafkaKraftBroker embeddedKafka, KafkaBrokerProcess kafkaProcess,
                          LocalPostgres commandPostgres, Path commandPostgresDirectory, int commandPostgresPort) {
        this.work = work;
        this.postgres = postgres;
        this.embeddedKafka = embeddedKafka;
        this.kafkaProcess = kafkaProcess;
        this.commandPostgres = commandPostgres;
        this.commandPostgresDirectory = commandPostgresDirectory;
        this.commandPostgresPort = commandPostgresPort;
    }

    static RunningLedger start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    /** As {@link #start()}, with more settings (environment variables) for the query-service, e.g. an OIDC provider's. */
    static RunningLedger start(Map<String, String> querySettings) throws IOException, InterruptedException {
        Path work = workDirectory();
        LocalPostgres postgres = LocalPostgres.throwaway();
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
        kafka.afterPropertiesSet();
        RunningLedger ledger = new RunningLedger(work, postgres, kafka, null, postgres, null, 0);
        ledger.startServices(kafka.getBrokersAsString(), Map.of(), querySettings);
        return ledger;
    }

    static RunningLedger startRestartable() throws IOException, InterruptedException {
        Path work = workDirectory().resolve("reliability");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            LocalPostgres queryPostgres = LocalPostgres.throwaway();
            started.add(queryPostgres);
            Path commandData = work.resolve("command-postgres");
            deleteRecursively(commandData);
            Files.createDirectories(commandData.getParent());
            int commandPort = freePort();
            LocalPostgres commandPostgres = LocalPostgres.durable(commandData, commandPort);
            started.add(commandPostgres);
            KafkaBrokerProcess kafka = KafkaBrokerProcess.start(work.resolve("kafka"), freePort(), freePort());
            started.add(kafka);
            RunningLedger ledger = new RunningLedger(work, queryPostgres, null, kafka, commandPostgres, commandData, commandPort);
            // C1 only and the serial collector: the services start and settle much faster on a busy 2-core machine,
            // and the scenarios restart them several times.
            String jvm = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
            ledger.startServices(kafka.bootstrap(), Map.of("JAVA_TOOL_OPTIONS", jvm), Map.of("JAVA_TOOL_OPTIONS", jvm));
            return ledger;
        } catch (RuntimeException | IOException | InterruptedException e) {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private void startServices(String kafkaBootstrap, Map<String, String> commandExtras, Map<String, String> queryExtras)
            throws IOException, InterruptedException {
        int commandPort = freePort();
        int queryPort = freePort();
        Map<String, String> shared = Map.of(
                "LEDGER_BIND_ADDRESS", "127.0.0.1",
                "LEDGER_DB_USER", LocalPostgres.USER,
                "LEDGER_DB_PASSWORD", "",
                "LEDGER_KAFKA_BOOTSTRAP", kafkaBootstrap,
                "LEDGER_TOPIC", TOPIC,
                AccountTokens.SERVICE_TOKEN_VARIABLE, serviceToken);
        Map<String, String> command = new HashMap<>(shared);
        command.put("LEDGER_COMMAND_PORT", String.valueOf(commandPort));
        command.put("LEDGER_SIGNING_KEY", signingKey.format());
        command.put("LEDGER_COMMAND_DB_URL", commandPostgres.createDatabaseIfMissing(COMMAND_DATABASE));
        command.putAll(commandExtras);
        Map<String, String> query = new HashMap<>(shared);
        query.put("LEDGER_QUERY_PORT", String.valueOf(queryPort));
        query.put("LEDGER_QUERY_DB_URL", postgres.createDatabaseIfMissing("ledger_query"));
        query.put("LEDGER_COMMAND_URL", "http://127.0.0.1:" + commandPort);
        query.put("LEDGER_INTROSPECTION_CACHE", INTROSPECTION_CACHE.toMillis() + "ms");
        query.putAll(queryExtras);
        try {
            commandService = ServiceProcess.start("command-service",
                    Path.of(System.getProperty("ledger.commandServiceJar")), commandPort, command, work);
            queryService = ServiceProcess.start("query-service",
                    Path.of(System.getProperty("ledger.queryServiceJar")), queryPort, query, work);
            accounts = new AccountTokens(commandService.baseUrl(), serviceToken);
        } catch (RuntimeException | IOException | InterruptedException e) {
            close();
            throw e;
        }
    }

    private static Path workDirectory() {
        return Path.of(System.getProperty("ledger.workDirectory", "target/system-tests"));
    }

    /**
     * Starts a second (third, ...) command-service on the same event store and broker, as another node behind a load
     * balancer: its own port and {@code LEDGER_INSTANCE_ID}, everything else as the first instance. Stopped with the
     * ledger unless the caller closes it first.
     */
    ServiceProcess startAnotherCommandService(String instanceId) throws IOException, InterruptedException {
        ServiceProcess another = commandService.startAnother("command-service-" + instanceId, "LEDGER_COMMAND_PORT", freePort(),
                Map.of("LEDGER_INSTANCE_ID", instanceId));
        otherInstances.add(another);
        return another;
    }

    /** The same for the query-service: one more member of its consumer group, reading the same read model. */
    ServiceProcess startAnotherQueryService(String instanceId, Map<String, String> overrides) throws IOException, InterruptedException {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("LEDGER_INSTANCE_ID", instanceId);
        ServiceProcess another = queryService.startAnother("query-service-" + instanceId, "LEDGER_QUERY_PORT", freePort(), settings);
        otherInstances.add(another);
        return another;
    }

    /** The command API of one command-service instance, as {@link #commands()} calls the first. */
    JsonHttp commandsAt(ServiceProcess instance) {
        return new JsonHttp(instance.baseUrl(), (path, body) -> path.startsWith("/actuator") ? serviceBearer()
                : accounts.bearerOf(AccountTokens.actorNamedBy(path, body == null ? null : new String(body, StandardCharsets.UTF_8),
                        DEFAULT_ACTOR)));
    }

    /** The query API of one query-service instance, as {@link #queries()} reads the first. */
    JsonHttp queriesAt(ServiceProcess instance) {
        return new JsonHttp(instance.baseUrl(), (path, body) -> path.startsWith("/actuator") ? serviceBearer() : null);
    }

    /** One service instance with the service token on every request. */
    JsonHttp adminAt(ServiceProcess instance) {
        return new JsonHttp(instance.baseUrl(), serviceToken);
    }

    /** The command API as its participants call it: each request with the token of the participant it names. */
    JsonHttp commands() {
        return new JsonHttp(commandService.baseUrl(), (path, body) -> path.startsWith("/actuator") ? serviceBearer()
                : accounts.bearerOf(AccountTokens.actorNamedBy(path, body == null ? null : new String(body, StandardCharsets.UTF_8),
                        DEFAULT_ACTOR)));
    }

    /** The query API as anyone reads it; the actuator with the service token, as an operator's tools would. */
    JsonHttp queries() {
        return new JsonHttp(queryService.baseUrl(), (path, body) -> path.startsWith("/actuator") ? serviceBearer() : null);
    }

    /** The command API as the account {@code handle} calls it: every request with that account's token. */
    JsonHttp commandsAs(String handle) {
        return new JsonHttp(commandService.baseUrl(), (path, body) -> accounts.bearerOf(handle));
    }

    /** The query API as the account {@code handle} reads it (private debates: only those it takes part in). */
    JsonHttp queriesAs(String handle) {
        return new JsonHttp(queryService.baseUrl(), (path, body) -> accounts.bearerOf(handle));
    }

    /** The command-service with the service token on every request (event feed, accounts, ...). */
    JsonHttp commandAdmin() {
        return new JsonHttp(commandService.baseUrl(), serviceToken);
    }

    /** The query-service with the service token on every request (rebuild, checksum, ...). */
    JsonHttp queryAdmin() {
        return new JsonHttp(queryService.baseUrl(), serviceToken);
    }

    /** Tokens of accounts on the command-service, made through its admin API. */
    AccountTokens accounts() {
        return accounts;
    }

    /** The verifier key of this ledger's checkpoints. */
    VerifierKey verifierKey() {
        return signingKey.verifierKey();
    }

    private String serviceBearer() {
        return "Bearer " + serviceToken;
    }

    private static String newServiceToken() {
        byte[] token = new byte[24];
        new SecureRandom().nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    ServiceProcess commandService() {
        return commandService;
    }

    ServiceProcess queryService() {
        return queryService;
    }

    KafkaBrokerProcess kafka() {
        if (kafkaProcess == null) {
            throw new IllegalStateException("this ledger runs an in-JVM broker; use startRestartable() to stop and start Kafka");
        }
        return kafkaProcess;
    }

    String kafkaBootstrap() {
        return kafkaProcess != null ? kafkaProcess.bootstrap() : embeddedKafka.getBrokersAsString();
    }

    Path workDirectory(String name) throws IOException {
        return Files.createDirectories(work.resolve(name));
    }

    /** A plain JDBC connection to the command-service's event store, for counting and for fault injection. */
    Connection commandDatabase() throws SQLException {
        return DriverManager.getConnection(commandPostgres.jdbcUrl(COMMAND_DATABASE));
    }

    /** Stops the command-service's PostgreSQL server (its data directory stays). */
    void stopCommandPostgres() {
        requireOwnCommandPostgres();
        commandPostgres.close();
    }

    /** Starts the command-service's PostgreSQL again on the same port and data directory. */
    void startCommandPostgres() {
        requireOwnCommandPostgres();
        commandPostgres = LocalPostgres.durable(commandPostgresDirectory, commandPostgresPort);
    }

    private void requireOwnCommandPostgres() {
        if (commandPostgresDirectory == null) {
            throw new IllegalStateException("this ledger shares one PostgreSQL; use startRestartable() to stop the command database");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public void close() {
        otherInstances.forEach(ServiceProcess::close);
        if (queryService != null) {
            queryService.close();
        }
        if (commandService != null) {
            commandService.close();
        }
        if (embeddedKafka != null) {
            embeddedKafka.destroy();
        }
        if (kafkaProcess != null) {
            kafkaProcess.close();
        }
        if (commandPostgres != null && commandPostgres != postgres) {
            try {
                commandPostgres.close();
            } catch (RuntimeException alreadyStopped) {
                // stopped by a scenario that failed before starting it again
            }
        }
        postgres.close();
    }
}
