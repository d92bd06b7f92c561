package dev.ledger.infra.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The single-node KRaft broker of {@code ./ledger up}: its configuration (loopback only) and its first format. */
final class KafkaConfig {

    private KafkaConfig() {
    }

    /** Writes {@code $LEDGER_DATA/run/kafka.properties} for this start and returns its path. */
    static Path write(Settings settings) {
        String broker = "127.0.0.1:" + settings.kafkaPort();
        String controller = "127.0.0.1:" + settings.kafkaControllerPort();
        String text = String.join("\n",
                "# Written by ./ledger up: a single-node Kafka broker in KRaft mode, on loopback only.",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://" + broker + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://" + broker,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.quorum.bootstrap.servers=" + controller,
                "log.dirs=" + settings.data().resolve("kafka"),
                "num.partitions=3",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
        Path file = settings.runDir().resolve("kafka.properties");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Formats the broker's storage with a new cluster id (first start only), with Kafka's own tool. */
    static void format(String java, String classpath, Path config, Path log) {
        List<String> tool = List.of(java, "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", classpath,
                "kafka.tools.StorageTool");
        try {
            Process uuid = new ProcessBuilder(with(tool, "random-uuid")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            List<String> printed = new String(uuid.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            String clusterId = uuid.waitFor() == 0 && !printed.isEmpty() ? printed.get(printed.size() - 1).trim() : "";
            Process format = new ProcessBuilder(with(tool, "format", "--standalone", "-t", clusterId, "-c", config.toString()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (format.waitFor() != 0) {
                List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
                lines.subList(Math.max(0, lines.size() - 20), lines.size()).forEach(System.err::println);
                throw new LaunchFailure("formatting Kafka storage failed; the last 20 lines of " + log + " are above");
            }
        } catch (IOException e) {
            throw new LaunchFailure("could not run Kafka's storage tool: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted");
        }
    }

    private static List<String> with(List<String> command, String... arguments) {
        List<String> all = new ArrayList<>(command);
        all.addAll(List.of(arguments));
        return all;
    }
}
