package dev.ledger.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One ledger service running as its own JVM from its packaged jar, as `./ledger up` runs it. It can be killed
 * with SIGKILL (no shutdown hooks, no graceful close of connections) and started again on the same port with
 * the same environment, optionally with some variables changed.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final String name;
    private final Path jar;
    private final int port;
    private final Path workDirectory;
    private final Path log;
    private final String baseUrl;
    private final Map<String, String> environment;
    private Process process;

    private ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path workDirectory) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = new HashMap<>(environment);
        this.workDirectory = workDirectory;
        this.log = workDirectory.resolve(name + ".log");
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    static ServiceProcess start(String name, Path jar, int port, Map<String, String> environment, Path workDirectory)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " jar not found at " + jar + "; build it first with `mvn package`");
        }
        Files.createDirectories(workDirectory);
        Files.deleteIfExists(workDirectory.resolve(name + ".log"));
        ServiceProcess service = new ServiceProcess(name, jar, port, environment, workDirectory);
        service.launch("readiness");
        return service;
    }

    /**
     * Starts another instance of this service from the same jar with the same environment, except its port (the
     * variable {@code portVariable}) and {@code overrides}, and returns once it is ready.
     */
    ServiceProcess startAnother(String name, String portVariable, int port, Map<String, String> overrides)
            throws IOException, InterruptedException {
        Map<String, String> another = new HashMap<>(environment);
        another.put(portVariable, String.valueOf(port));
        another.putAll(overrides);
        return start(name, jar, port, another, workDirectory);
    }

    /** Starts the JVM and waits until {@code /actuator/health/<probe>} answers 200. */
    private void launch(String probe) throws IOException, InterruptedException {
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        Files.writeString(log, "==== starting " + name + " at " + Instant.now() + "\n",
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        ProcessBuilder builder = new ProcessBuilder(List.of(javaCommand, "-Xmx384m", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        process = builder.start();
        awaitProbe(probe);
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return baseUrl;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: the JVM gets no chance to flush, commit offsets, release claims or close connections. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") did not die after SIGKILL");
        }
    }

    /**
     * Starts the service again on the same port, with the same environment plus {@code overrides}, and returns once
     * it is live (serving HTTP). Readiness is not awaited: a query-service catching up on a backlog is rightly not
     * ready yet, and the scenarios wait for the projection themselves.
     */
    void restart(Map<String, String> overrides) throws IOException, InterruptedException {
        if (process.isAlive()) {
            stop();
        }
        environment.putAll(overrides);
        launch("liveness");
    }

    void restart() throws IOException, InterruptedException {
        restart(Map.of());
    }

    /** Waits until {@code /actuator/health/readiness} answers 200 and returns {@link System#nanoTime()} then. */
    long awaitReady() throws IOException, InterruptedException {
        awaitProbe("readiness");
        return System.nanoTime();
    }

    private void awaitProbe(String probe) throws InterruptedException, IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health/" + probe))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting:\n" + tailOfLog());
            }
            try {
                if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the service is still starting
            }
            Thread.sleep(250);
        }
        close();
        throw new IllegalStateException(name + " was not " + (probe.equals("readiness") ? "ready" : "live") + " within " + START_TIMEOUT
                + "; the end of its log:\n" + tailOfLog());
    }

    /** How long the current JVM of this service has been running. */
    java.time.Duration uptime() {
        return process.info().startInstant().map(start -> java.time.Duration.between(start, Instant.now()))
                .orElse(java.time.Duration.ZERO);
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    String tailOfLog() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process != null) {
            stop();
        }
    }
}
