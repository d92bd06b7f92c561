package dev.ledger.bench.limits;

import dev.ledger.bench.workload.LedgerClient;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The write limit of the ledger's HTTP stack: the raw JDBC limit's single-row insert behind a bare Spring MVC
 * endpoint ({@link BareMvcEndpoint}), in a JVM of its own on 127.0.0.1 (as the command-service runs), driven by
 * the harness's own HTTP client one request at a time per client. Between raw JDBC and the ledger it splits
 * the gap: raw JDBC to this is what the HTTP stack costs, this to the ledger what the ledger's own path costs.
 */
public final class BareMvcLimit implements AutoCloseable {

    /** The endpoint's part name in the CPU figures. */
    public static final String PART = "bare MVC endpoint";

    /** The heap ./ledger gives each service. */
    public static final String HEAP = "-Xmx512m";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private final Process process;
    private final String url;
    private final Deque<String> lastLines;

    private BareMvcLimit(Process process, String url, Deque<String> lastLines) {
        this.process = process;
        this.url = url;
        this.lastLines = lastLines;
    }

    /**
     * Starts the endpoint on a free loopback port, writing into the raw JDBC limit's scratch table (which
     * {@link RawJdbcLimit#prepare()} must have created), and waits until it answers.
     */
    public static BareMvcLimit start(RawJdbcLimit database, int metaDataBytes) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ProcessBuilder builder = new ProcessBuilder(java, HEAP,
                "-Dorg.springframework.boot.logging.LoggingSystem=none",
                "-cp", System.getProperty("java.class.path"), BareMvcEndpoint.class.getName(),
                "--server.address=127.0.0.1", "--server.port=0", "--bench.meta-data-bytes=" + metaDataBytes)
                .redirectErrorStream(true);
        // The password goes through the environment, not the command line other users can read.
        builder.environment().put("SPRING_DATASOURCE_URL", database.scratchUrl());
        builder.environment().put("SPRING_DATASOURCE_USERNAME", database.user());
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", database.password());
        Process process = builder.start();
        Deque<String> lastLines = new ArrayDeque<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(process, lastLines, port), "bench-bare-mvc-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return new BareMvcLimit(process, "http://127.0.0.1:" + port.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS), lastLines);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IllegalStateException("the bare Spring MVC endpoint did not start within " + START_TIMEOUT.toSeconds()
                    + " s; its last output: " + String.join(" | ", snapshot(lastLines)), e);
        }
    }

    /** Its output is drained (so it never blocks on a full pipe); the last lines are kept for error messages. */
    private static void readOutput(Process process, Deque<String> lastLines, CompletableFuture<Integer> port) {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                if (line.startsWith(BareMvcEndpoint.LISTENING)) {
                    port.complete(Integer.parseInt(line.substring(BareMvcEndpoint.LISTENING.length()).trim()));
                }
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > 20) {
                        lastLines.removeFirst();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("the endpoint exited"));
    }

    private static List<String> snapshot(Deque<String> lines) {
        synchronized (lines) {
            return new ArrayList<>(lines);
        }
    }

    public long pid() {
        return process.pid();
    }

    public String url() {
        return url;
    }

    /**
     * Inserts answered 201 with this many clients in about this long. Each client writes its own aggregate's
     * sequence, as the raw JDBC limit's connections do; the request carries a payload of the given size.
     */
    public Completions inserts(LedgerClient client, int clients, Duration duration, int payloadBytes) throws InterruptedException {
        String payload = new String(RawJdbcLimit.filler(payloadBytes), StandardCharsets.US_ASCII);
        List<ClosedLoop.Operation> workers = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            String aggregate = UUID.randomUUID().toString();
            long[] sequence = {0};
            workers.add(() -> {
                String body = "{\"aggregateId\":\"" + aggregate + "\",\"sequenceNumber\":" + sequence[0]++
                        + ",\"payload\":\"" + payload + "\"}";
                HttpResponse<String> response = client.postJson(url + "/events", body);
                if (response.statusCode() != 201) {
                    String text = response.body();
                    throw new IllegalStateException("the bare Spring MVC endpoint answered " + response.statusCode() + ": "
                            + text.substring(0, Math.min(200, text.length())) + "; its last output: "
                            + String.join(" | ", snapshot(lastLines)));
                }
            });
        }
        return ClosedLoop.run(workers, duration, "bench-bare-mvc");
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    /** Closing its input ends it (see {@link BareMvcEndpoint#main}); a kill only if that did not. */
    private static void stop(Process process) throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // already closed: it is ending
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
