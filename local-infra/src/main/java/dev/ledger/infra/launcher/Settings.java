package dev.ledger.infra.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the local ledger lives and which ports it uses, from the environment {@code ./ledger} passes on
 * ({@code LEDGER_ROOT} and an absolute {@code LEDGER_DATA} are set by the script; the rest is the user's).
 */
record Settings(Path root, Path data, int postgresPort, int kafkaPort, int kafkaControllerPort, int commandPort,
                int queryPort, Duration startTimeout, Duration stopTimeout, String version, Map<String, String> env) {

    static Settings from(Map<String, String> env) {
        return new Settings(
                Path.of(required(env, "LEDGER_ROOT")),
                Path.of(required(env, "LEDGER_DATA")),
                number(env, "LEDGER_PG_PORT", 15432),
                number(env, "LEDGER_KAFKA_PORT", 19092),
                number(env, "LEDGER_KAFKA_CONTROLLER_PORT", 19093),
                number(env, "LEDGER_COMMAND_PORT", 8080),
                number(env, "LEDGER_QUERY_PORT", 8081),
                Duration.ofSeconds(number(env, "LEDGER_START_TIMEOUT", 180)),
                Duration.ofSeconds(number(env, "LEDGER_STOP_TIMEOUT", 30)),
                env.getOrDefault("LEDGER_VERSION", "0.1.0-SNAPSHOT"),
                Map.copyOf(env));
    }

    LocalSecrets secrets() {
        return LocalSecrets.in(data);
    }

    Path runDir() {
        return data.resolve("run");
    }

    Path logDir() {
        return data.resolve("logs");
    }

    Path pidFile(Part part) {
        return runDir().resolve(part.id + ".pid");
    }

    Path logFile(Part part) {
        return logDir().resolve(part.id + ".log");
    }

    Path jar(String module) {
        return root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
    }

    Path localInfra(String directory) {
        return root.resolve("local-infra").resolve("target").resolve(directory);
    }

    int port(Part part) {
        return switch (part) {
            case POSTGRES -> postgresPort;
            case KAFKA -> kafkaPort;
            case COMMAND_SERVICE -> commandPort;
            case QUERY_SERVICE -> queryPort;
        };
    }

    String portVariable(Part part) {
        return switch (part) {
            case POSTGRES -> "LEDGER_PG_PORT";
            case KAFKA -> "LEDGER_KAFKA_PORT";
            case COMMAND_SERVICE -> "LEDGER_COMMAND_PORT";
            case QUERY_SERVICE -> "LEDGER_QUERY_PORT";
        };
    }

    /** Local PostgreSQL and Kafka are not started when the environment points at external ones. */
    boolean isExternal(Part part) {
        return switch (part) {
            case POSTGRES -> isSet("LEDGER_COMMAND_DB_URL") && isSet("LEDGER_QUERY_DB_URL");
            case KAFKA -> isSet("LEDGER_KAFKA_BOOTSTRAP");
            default -> false;
        };
    }

    /**
     * What both services are started with (the user's own settings win), creating the local secrets on first use.
     * The local PostgreSQL always has the password in {@code $LEDGER_DATA/postgres-password}; LEDGER_DB_PASSWORD
     * is for an external one.
     */
    Map<String, String> serviceEnvironment() {
        Map<String, String> service = new LinkedHashMap<>();
        service.put("LEDGER_SERVICE_TOKEN", secrets().serviceToken());
        if (!isSet("LEDGER_SIGNING_KEY") && !isSet("LEDGER_SIGNING_KEY_FILE")) {
            service.put("LEDGER_SIGNING_KEY_FILE", secrets().signingKey(or("LEDGER_NAME", "ledger.local")).toString());
        }
        service.put("LEDGER_COMMAND_URL", or("LEDGER_COMMAND_URL", "http://127.0.0.1:" + commandPort));
        service.put("LEDGER_BIND_ADDRESS", or("LEDGER_BIND_ADDRESS", "127.0.0.1"));
        service.put("LEDGER_COMMAND_PORT", String.valueOf(commandPort));
        service.put("LEDGER_QUERY_PORT", String.valueOf(queryPort));
        service.put("LEDGER_COMMAND_DB_URL", or("LEDGER_COMMAND_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/ledger_command"));
        service.put("LEDGER_QUERY_DB_URL", or("LEDGER_QUERY_DB_URL", "jdbc:postgresql://127.0.0.1:" + postgresPort + "/ledger_query"));
        service.put("LEDGER_DB_USER", or("LEDGER_DB_USER", "postgres"));
        service.put("LEDGER_DB_PASSWORD", isExternal(Part.POSTGRES) ? env("LEDGER_DB_PASSWORD") : secrets().postgresPassword());
        service.put("LEDGER_KAFKA_BOOTSTRAP", or("LEDGER_KAFKA_BOOTSTRAP", "127.0.0.1:" + kafkaPort));
        service.put("LEDGER_TOPIC", or("LEDGER_TOPIC", "ledger.events"));
        return service;
    }

    String env(String name) {
        return env.getOrDefault(name, "");
    }

    private boolean isSet(String name) {
        return !env(name).isEmpty();
    }

    private String or(String name, String fallback) {
        return isSet(name) ? env(name) : fallback;
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            throw new LaunchFailure(name + " is not set: run this through ./ledger");
        }
        return value;
    }

    private static int number(Map<String, String> env, String name, int fallback) {
        String value = env.getOrDefault(name, "");
        try {
            return value.isEmpty() ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new LaunchFailure(name + " must be a whole number, not '" + value + "'");
        }
    }
}
