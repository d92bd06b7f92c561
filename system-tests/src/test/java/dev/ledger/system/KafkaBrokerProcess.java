package dev.ledger.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A single-node KRaft Kafka broker as its own JVM, started from the jars local-infra copies to
 * {@code local-infra/target/kafka-lib} exactly as `./ledger up` starts it (format storage once, then
 * {@code kafka.Kafka server.properties}). Unlike an in-JVM broker it can be stopped and started again on the
 * same ports with the same log directory, so clients see a real outage and a real recovery.
 */
final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path directory;
    private final Path properties;
    private final Path log;
    private final int port;
    private Process process;

    private KafkaBrokerProcess(Path directory, int port) {
        this.directory = directory;
        this.properties = directory.resolve("server.properties");
        this.log = directory.resolve("kafka.log");
        this.port = port;
    }

    static KafkaBrokerProcess start(Path directory, int port, int controllerPort) throws IOException, InterruptedException {
        Path kafkaLib = Path.of(System.getProperty("ledger.kafkaLib", "../local-infra/target/kafka-lib"));
        if (!Files.isDirectory(kafkaLib)) {
            throw new IllegalStateException("Kafka jars not found in " + kafkaLib + "; build local-infra first with `mvn package`");
        }
        deleteRecursively(directory);
        Files.createDirectories(directory);
        KafkaBrokerProcess broker = new KafkaBrokerProcess(directory, port);
        Files.writeString(broker.properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + directory.resolve("data").toAbsolutePath(),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "") );
        broker.run(List.of("kafka.tools.StorageTool", "format", "--standalone", "-t", org.apache.kafka.common.Uuid.randomUuid().toString(),
                "-c", broker.properties.toString()), true);
        broker.startBroker();
        return broker;
    }

    String bootstrap() {
        return "127.0.0.1:" + port;
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker again on the same ports and data (after {@link #stop} or {@link #kill9}). */
    void startBroker() throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("the Kafka broker is already running");
        }
        process = run(List.of("kafka.Kafka", properties.toString()), false);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + " while starting:\n" + tailOfLog());
            }
            if (portOpen()) {
                try (Admin client = Admin.create(admin)) {
                    if (!client.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception notYet) {
                    // the broker is still starting
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Kafka was not ready within " + START_TIMEOUT + ":\n" + tailOfLog());
    }

    /** A clean shutdown (SIGTERM), waiting until the process is gone and the port is closed. */
    void stop() throws InterruptedException {
        if (!isRunning()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process run(List<String> mainAndArguments, boolean waitForExit) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path kafkaLib = Path.of(System.getProperty("ledger.kafkaLib", "../local-infra/target/kafka-lib")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Xms128m",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-cp", kafkaLib + "/*"));
        command.addAll(mainAndArguments);
        Files.writeString(log, "==== " + Instant.now() + " " + String.join(" ", mainAndArguments) + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        Process started = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (waitForExit) {
            if (!started.waitFor(60, TimeUnit.SECONDS) || started.exitValue() != 0) {
                started.destroyForcibly();
                throw new IllegalStateException("`" + String.join(" ", mainAndArguments) + "` failed:\n" + tailOfLog());
            }
        }
        return started;
    }

    private boolean portOpen() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
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
        try {
            stop();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
