package dev.ledger.system;

import dev.ledger.infra.postgres.LocalPostgres;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole ledger for a test class: one real PostgreSQL, one real Kafka broker (KRaft) and both services
 * as separate processes from their packaged jars, all on loopback.
 */
final class RunningLedger implements AutoCloseable {

    static final String TOPIC = "ledger.events";

    private final LocalPostgres postgres;
    private final EmbeddedKafkaKraftBroker kafka;
    private final ServiceProcess commandService;
    private final ServiceProcess queryService;

    private RunningLedger(LocalPostgres postgres, EmbeddedKafkaKraftBroker kafka,
                          ServiceProcess commandService, ServiceProcess queryService) {
        this.postgres = postgres;
        this.kafka = kafka;
        this.commandService = commandService;
        this.queryService = queryService;
    }

    static RunningLedger start() throws IOException, InterruptedException {
        Path work = Path.of(System.getProperty("ledger.workDirectory", "target/system-tests"));
        LocalPostgres postgres = LocalPostgres.throwaway();
        EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 3, TOPIC);
        kafka.afterPropertiesSet();
        ServiceProcess command = null;
        try {
            int commandPort = freePort();
            int queryPort = freePort();
            Map<String, String> shared = Map.of(
                    "LEDGER_BIND_ADDRESS", "127.0.0.1",
                    "LEDGER_DB_USER", LocalPostgres.USER,
                    "LEDGER_DB_PASSWORD", "",
                    "LEDGER_KAFKA_BOOTSTRAP", kafka.getBrokersAsString(),
                    "LEDGER_TOPIC", TOPIC);
            command = ServiceProcess.start("command-service",
                    Path.of(System.getProperty("ledger.commandServiceJar")), commandPort,
                    with(shared, "LEDGER_COMMAND_PORT", String.valueOf(commandPort),
                            "LEDGER_COMMAND_DB_URL", postgres.createDatabaseIfMissing("ledger_command")), work);
            ServiceProcess query = ServiceProcess.start("query-service",
                    Path.of(System.getProperty("ledger.queryServiceJar")), queryPort,
                    with(shared, "LEDGER_QUERY_PORT", String.valueOf(queryPort),
                            "LEDGER_QUERY_DB_URL", postgres.createDatabaseIfMissing("ledger_query")), work);
            return new RunningLedger(postgres, kafka, command, query);
        } catch (RuntimeException | IOException | InterruptedException e) {
            if (command != null) {
                command.close();
            }
            kafka.destroy();
            postgres.close();
            throw e;
        }
    }

    JsonHttp commands() {
        return new JsonHttp(commandService.baseUrl());
    }

    JsonHttp queries() {
        return new JsonHttp(queryService.baseUrl());
    }

    private static Map<String, String> with(Map<String, String> shared, String k1, String v1, String k2, String v2) {
        java.util.HashMap<String, String> environment = new java.util.HashMap<>(shared);
        environment.put(k1, v1);
        environment.put(k2, v2);
        return environment;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        queryService.close();
        commandService.close();
        kafka.destroy();
        postgres.close();
    }
}
