package dev.ledger.infra.launcher;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ledger up|down|status}: starts each part of a local ledger as its own background process (pid file in
 * {@code $LEDGER_DATA/run}, log in {@code $LEDGER_DATA/logs}), waits until it is healthy, and stops it again.
 * Starting is idempotent: a part already running is kept. Everything binds to 127.0.0.1.
 */
public final class Launcher {

    private static final List<String> LOG_FORMAT = List.of("-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd HH:mm:ss.SSS");
    /** Started parts ignore Ctrl-C in the terminal that ran ./ledger up, as background jobs of a script do. */
    private static final List<String> DETACHED = List.of("/bin/sh", "-c", "trap '' HUP INT QUIT; exec \"$0\" \"$@\"");

    private final Settings settings;
    private final PrintStream out;
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Launcher(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
    }

    public static void main(String[] args) {
        try {
            Launcher launcher = new Launcher(Settings.from(System.getenv()), System.out);
            List<String> parts = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
            switch (args.length == 0 ? "" : args[0]) {
                case "up" -> launcher.up(parts);
                case "down" -> launcher.down(parts);
                case "status" -> launcher.status();
                case "token" -> TokenCommand.connectedTo(launcher.settings).run(parts, System.out, System.err);
                case "link" -> LinkCommand.connectedTo(launcher.settings).run(parts, System.out, System.err);
                default -> throw new LaunchFailure("usage: Launcher up|down [PART...] | status | token [OPTION...] HANDLE | link HANDLE");
            }
        } catch (LaunchFailure e) {
            System.out.flush();
            System.err.println("ledger: " + e.getMessage());
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------------------------------ up

    void up(List<String> names) {
        List<Part> parts = Part.selected(names);
        createDirectories(settings.runDir());
        createDirectories(settings.logDir());
        for (Part part : parts) {
            up(part);
        }
        if (names.isEmpty()) {
            out.printf("%nThe ledger is up (data in %s, logs in %s):%n", settings.data(), settings.logDir());
            out.printf("  web view      http://localhost:%d/web/   (sign in: ./ledger link HANDLE)%n", settings.queryPort());
            out.printf("  command API   http://127.0.0.1:%d%n", settings.commandPort());
            out.printf("  query API     http://127.0.0.1:%d%n", settings.queryPort());
            out.printf("  Swagger UI    http://127.0.0.1:%d/swagger-ui.html   (commands)%n", settings.commandPort());
            out.printf("                http://127.0.0.1:%d/swagger-ui.html   (queries)%n", settings.queryPort());
            out.println("A token for API calls: TOKEN=$(./ledger token HANDLE), then -H \"Authorization: Bearer $TOKEN\".");
            out.println("Try ./ledger demo; ./ledger down stops everything.");
        }
    }

    private void up(Part part) {
        if (settings.isExternal(part)) {
            out.println(part.title + ": external (" + (part == Part.POSTGRES ? "LEDGER_COMMAND_DB_URL, LEDGER_QUERY_DB_URL"
                    : settings.env("LEDGER_KAFKA_BOOTSTRAP")) + "), not started");
            return;
        }
        Optional<ProcessHandle> running = running(part);
        if (running.isPresent() && healthy(part)) {
            out.println(part.title + ": already running (pid " + running.get().pid() + ")");
            return;
        }
        if (running.isPresent()) {
            out.println(part.title + ": running (pid " + running.get().pid() + ") but not healthy yet");
        } else {
            deleteIfExists(settings.pidFile(part));
            start(part);
        }
        waitUntilHealthy(part);
    }

    private void start(Part part) {
        Path data = settings.data();
        if (part == Part.POSTGRES) {
            stopOrphanedPostgres(out); // it would hold the port and the data directory
        }
        requireFreePort(settings.port(part), settings.portVariable(part), part.title);
        switch (part) {
            case POSTGRES -> {
                deleteIfExists(readyFile());
                settings.secrets().postgresPassword(); // created before the first start: initdb sets it
                launch(part, Map.of(), javaCommand(part, List.of("-Xmx256m"), "-cp", localInfraClasspath(),
                        "dev.ledger.infra.postgres.PostgresServerMain", "--data-dir", data.resolve("postgres").toString(),
                        "--port", String.valueOf(settings.postgresPort()),
                        "--password-file", settings.secrets().postgresPasswordFile().toString(), "--database", "ledger_command",
                        "--database", "ledger_query", "--ready-file", readyFile().toString()));
            }
            case KAFKA -> {
                requireFreePort(settings.kafkaControllerPort(), "LEDGER_KAFKA_CONTROLLER_PORT", "the Kafka controller");
                Path config = KafkaConfig.write(settings);
                if (!Files.exists(data.resolve("kafka").resolve("meta.properties"))) {
                    out.println("  formatting Kafka storage in " + data.resolve("kafka") + " (first start)");
                    KafkaConfig.format(java, kafkaClasspath(), config, settings.logFile(part));
                }
                launch(part, Map.of(), javaCommand(part, List.of("-Xmx512m", "-Xms128m"), "-cp", kafkaClasspath(),
                        "kafka.Kafka", config.toString()));
            }
            // The command-service's heap is capped at 256 MB (issue 12's target): under -Xmx512m its peak was mostly
            // garbage G1 had not collected yet; the smaller cap measured no dearer per command (docs/performance.md, Run 7).
            case COMMAND_SERVICE, QUERY_SERVICE -> launch(part, settings.serviceEnvironment(),
                    List.of(java, part == Part.COMMAND_SERVICE ? "-Xmx256m" : "-Xmx512m", "-Dledger.part=" + part.id,
                            "-jar", settings.jar(part.id).toString()));
        }
    }

    /** A local-infra or Kafka main class, with the part's marker and timestamps in its log lines. */
    private List<String> javaCommand(Part part, List<String> heap, String... classpathMainAndArguments) {
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(heap);
        command.add("-Dledger.part=" + part.id);
        command.addAll(LOG_FORMAT);
        command.addAll(List.of(classpathMainAndArguments));
        return command;
    }

    /** Starts a part in the background, detached from this process, with its pid file and log. */
    private void launch(Part part, Map<String, String> environment, List<String> command) {
        Path log = settings.logFile(part);
        append(log, String.format("%n===== %s: started by ./ledger up at %s =====%n", part.id,
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))));
        List<String> detached = new ArrayList<>(DETACHED);
        detached.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(detached).directory(settings.data().toFile())
                .redirectInput(new File("/dev/null")).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            Files.writeString(settings.pidFile(part), process.pid() + "\n");
        } catch (IOException e) {
            throw new LaunchFailure("could not start " + part.title + ": " + e.getMessage());
        }
    }

    private void waitUntilHealthy(Part part) {
        long started = System.nanoTime();
        out.printf("Waiting for %s on 127.0.0.1:%d ", part.title, settings.port(part));
        out.flush();
        while (!healthy(part)) {
            // Only "alive" here: right after the launch the pid may not show the java command line yet.
            if (recordedPid(part).flatMap(ProcessHandle::of).filter(Launcher::alive).isEmpty()) {
                out.println();
                throw failure(part, part.title + " exited while starting");
            }
            if (System.nanoTime() - started >= settings.startTimeout().toNanos()) {
                out.println();
                stop(part, new PrintStream(OutputStream.nullOutputStream()));
                throw failure(part, part.title + " was not healthy within " + settings.startTimeout().toSeconds()
                        + "s (LEDGER_START_TIMEOUT changes this); it was stopped");
            }
            out.print('.');
            out.flush();
            sleep(Duration.ofSeconds(1));
        }
        out.printf(" up (%ds)%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
    }

    private LaunchFailure failure(Part part, String message) {
        Path log = settings.logFile(part);
        System.err.println("--- last 20 lines of " + log + " ---");
        lastLines(log, 20).forEach(System.err::println);
        System.err.println("---");
        deleteIfExists(settings.pidFile(part));
        return new LaunchFailure(message + ". Its log is " + log + "; parts already up keep running (./ledger down stops them).");
    }

    private void requireFreePort(int port, String variable, String title) {
        if (portOpen(port)) {
            throw new LaunchFailure("port " + port + " (for " + title + ") is already in use by another program on 127.0.0.1. "
                    + "Stop that program, or choose another port, e.g. " + variable + "=" + (port + 100) + " ./ledger up");
        }
    }

    // ------------------------------------------------------------------------------------------ down, status

    void down(List<String> names) {
        List<Part> parts = new ArrayList<>(Part.selected(names));
        for (int i = parts.size() - 1; i >= 0; i--) {
            if (!settings.isExternal(parts.get(i))) {
                stop(parts.get(i), out);
            }
        }
    }

    private void stop(Part part, PrintStream to) {
        Optional<ProcessHandle> running = running(part);
        if (running.isPresent()) {
            ProcessHandle process = running.get();
            to.printf("Stopping %s (pid %d) ", part.title, process.pid());
            to.flush();
            process.destroy();
            if (waitForExit(process, settings.stopTimeout())) {
                to.println("stopped");
            } else {
                to.println();
                to.println("  " + part.title + " did not exit within " + settings.stopTimeout().toSeconds()
                        + "s after SIGTERM: killing it (SIGKILL)");
                process.destroyForcibly();
                if (!waitForExit(process, Duration.ofSeconds(10))) {
                    to.println("  " + part.title + " (pid " + process.pid() + ") is still there after SIGKILL");
                }
            }
        } else {
            to.println(part.title + ": not running");
        }
        deleteIfExists(settings.pidFile(part));
        if (part == Part.POSTGRES) {
            deleteIfExists(readyFile());
            stopOrphanedPostgres(to);
        }
    }

    /** A PostgreSQL left running after its launcher was killed holds the data directory: stop it (fast shutdown). */
    private void stopOrphanedPostgres(PrintStream to) {
        Path postmaster = settings.data().resolve("postgres").resolve("postmaster.pid");
        Optional<ProcessHandle> orphan = firstLine(postmaster).flatMap(Launcher::pid).flatMap(ProcessHandle::of)
                .filter(Launcher::alive);
        if (orphan.isPresent()) {
            to.println("  stopping a PostgreSQL server (pid " + orphan.get().pid() + ") left over from an earlier run");
            try {
                new ProcessBuilder("kill", "-INT", String.valueOf(orphan.get().pid())).start().waitFor();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (!waitForExit(orphan.get(), settings.stopTimeout())) {
                orphan.get().destroyForcibly();
            }
        }
    }

    void status() {
        out.printf("%-16s %-8s %-7s %s%n", "PART", "PID", "PORT", "STATE");
        for (Part part : Part.values()) {
            if (settings.isExternal(part)) {
                out.printf("%-16s %-8s %-7s %s%n", part.id, "-", "-", "external");
                continue;
            }
            Optional<ProcessHandle> running = running(part);
            String state = running.isEmpty() ? "down" : healthy(part) ? "healthy" : "up, not healthy";
            out.printf("%-16s %-8s %-7s %s%n", part.id, running.map(p -> String.valueOf(p.pid())).orElse("-"),
                    settings.port(part), state);
        }
        out.println("data: " + settings.data());
        LocalSecrets secrets = settings.secrets();
        out.println("service token (LEDGER_SERVICE_TOKEN of both services): " + whereKept(secrets.serviceTokenFile()));
        out.println("checkpoint signing key (LEDGER_SIGNING_KEY_FILE of the command-service): " + whereKept(secrets.signingKeyFile()));
        secrets.existingVerifierKey().ifPresent(key -> out.println("verifier key (checks every checkpoint): " + key.format()));
        out.println("PostgreSQL password (user postgres): " + (settings.isExternal(Part.POSTGRES)
                ? "external database, LEDGER_DB_PASSWORD" : whereKept(secrets.postgresPasswordFile())));
    }

    /** Where a secret is kept, never its value. */
    private static String whereKept(Path file) {
        try {
            return Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------"))
                    ? file + " (mode 600)" : file + " (readable by others: the next ./ledger up sets mode 600)";
        } catch (NoSuchFileException e) {
            return file + " (made by the first ./ledger up)";
        } catch (IOException e) {
            return file + " (unreadable: " + e.getMessage() + ")";
        }
    }

    // ------------------------------------------------------------------------------------------ health

    /** The process recorded for a part, if it is alive and really that part (pids get reused). */
    Optional<ProcessHandle> running(Part part) {
        return recordedPid(part).flatMap(ProcessHandle::of).filter(Launcher::alive)
                .filter(process -> commandLine(process).contains("-Dledger.part=" + part.id + " "));
    }

    boolean healthy(Part part) {
        Optional<ProcessHandle> running = running(part);
        if (running.isEmpty()) {
            return false;
        }
        return switch (part) {
            case POSTGRES -> firstLine(readyFile()).equals(Optional.of(String.valueOf(running.get().pid())))
                    && portOpen(settings.postgresPort());
            case KAFKA -> portOpen(settings.kafkaPort());
            case COMMAND_SERVICE, QUERY_SERVICE -> ready(settings.port(part));
        };
    }

    /** Readiness answers 200 only while the service is UP (503 otherwise). */
    private boolean ready(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Alive and not a zombie (an exited process nobody has reaped yet still counts as alive). */
    private static boolean alive(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
        try {
            String text = Files.readString(stat);
            return !text.substring(text.lastIndexOf(')') + 1).trim().startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true; // no /proc (macOS): trust isAlive
        }
    }

    private static String commandLine(ProcessHandle process) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return process.info().commandLine().map(line -> line + " ").orElse("");
        }
    }

    private static boolean waitForExit(ProcessHandle process, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (alive(process)) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            sleep(Duration.ofMillis(200));
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------ files

    private Path readyFile() {
        return settings.runDir().resolve("postgres.ready");
    }

    private String localInfraClasspath() {
        return settings.jar("local-infra") + File.pathSeparator + settings.localInfra("lib") + File.separator + "*";
    }

    private String kafkaClasspath() {
        return settings.localInfra("kafka-lib") + File.separator + "*";
    }

    private Optional<Long> recordedPid(Part part) {
        return firstLine(settings.pidFile(part)).flatMap(Launcher::pid);
    }

    private static Optional<Long> pid(String text) {
        String digits = text.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(digits));
    }

    private static Optional<String> firstLine(Path file) {
        List<String> lines = lastLines(file, Integer.MAX_VALUE);
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).trim());
    }

    private static List<String> lastLines(Path file, int count) {
        try {
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            TimeUnit.NANOSECONDS.sleep(duration.toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted");
        }
    }
}
