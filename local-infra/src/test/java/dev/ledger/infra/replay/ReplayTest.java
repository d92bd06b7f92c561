package dev.ledger.infra.replay;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ledger.infra.replay.Replay.Options;
import dev.ledger.infra.replay.Replay.ReplayFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query-service's admin API is played by a small HTTP server with the answers the real one gives (the smoke
 * test, {@code .ci/smoke}, runs {@code ./ledger replay} against the real query-service).
 */
class ReplayTest {

    private static final String TOKEN = "secret-token";

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void readsItsOptions() {
        assertThat(Options.parse(new String[0])).isEqualTo(new Options("http://127.0.0.1:8081", "auto"));
        assertThat(Options.parse(new String[]{"--source", "event-store", "--query-url", "http://127.0.0.1:9/"}))
                .isEqualTo(new Options("http://127.0.0.1:9", "event-store"));
        assertThat(Options.parse(new String[]{"--source=kafka"}).source()).isEqualTo("kafka");
        assertThatThrownBy(() -> Options.parse(new String[]{"--source", "s3"}))
                .hasMessage("unknown source 's3': choose auto, kafka or event-store");
        assertThatThrownBy(() -> Options.parse(new String[]{"--source"})).hasMessageContaining("--source needs a value");
        assertThatThrownBy(() -> Options.parse(new String[]{"--fast"}))
                .hasMessageContaining("unknown option '--fast'").hasMessageContaining(Replay.USAGE);
    }

    @Test
    void startsTheRebuildWithTheTokenAndFollowsItUntilItIsLive() throws IOException {
        serve(202, "{\"state\":\"running\",\"source\":\"kafka\"}",
                "{\"state\":\"running\",\"source\":\"kafka\",\"eventsDone\":0,\"eventsTotal\":10}",
                "{\"state\":\"running\",\"source\":\"kafka\",\"eventsDone\":5,\"eventsTotal\":10,"
                        + "\"eventsPerSecond\":2.6,\"secondsLeft\":2}",
                "{\"state\":\"completed\",\"source\":\"kafka\",\"eventsDone\":10,\"eventsTotal\":10,"
                        + "\"eventsPerSecond\":3.0,\"secondsLeft\":null}");

        assertThat(replay(TOKEN, "kafka").run()).isZero();

        assertThat(requests).containsExactly("GET /actuator/health/readiness", "POST /admin/rebuild?source=kafka",
                "GET /admin/rebuild", "GET /admin/rebuild", "GET /admin/rebuild");
        assertThat(printed()).contains("  running (kafka): 0/10 events, 0 events/s, ? s left")
                .contains("  running (kafka): 5/10 events, 3 events/s, 2 s left")
                .endsWith("Completed (kafka): 10/10 events, 3 events/s. The rebuilt read model is live.\n");
    }

    @Test
    void followsARebuildAlreadyRunning() throws IOException {
        serve(409, "{\"title\":\"a rebuild is running\"}",
                "{\"state\":\"interrupted\",\"source\":\"event-store\",\"eventsDone\":7,\"eventsTotal\":9}");

        assertThat(replay(TOKEN, "auto").run()).isEqualTo(1);

        assertThat(printed()).contains("A rebuild is already running; following it")
                .contains("The rebuild was interrupted at 7/9 events, 0 events/s; ./ledger replay resumes it.");
    }

    @Test
    void namesTheCauseWhenTheTokenIsRefusedOrTheRebuildFails() throws IOException {
        serve(202, "{\"state\":\"running\"}", "{\"state\":\"failed\",\"error\":\"disk full\"}");

        assertThatThrownBy(() -> replay("wrong", "auto").run())
                .isInstanceOf(ReplayFailure.class).hasMessageContaining("refused the service token (401)");
        assertThatThrownBy(() -> replay(TOKEN, "auto").run())
                .isInstanceOf(ReplayFailure.class).hasMessageStartingWith("the rebuild failed: disk full.");
    }

    @Test
    void saysSoWhenNoQueryServiceAnswers() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Replay replay = new Replay(new Options("http://127.0.0.1:" + closedPort, "auto"), TOKEN, System.out, Duration.ZERO);

        assertThatThrownBy(replay::run).isInstanceOf(ReplayFailure.class)
                .hasMessage("the query-service is not up at http://127.0.0.1:" + closedPort
                        + ": start the ledger with ./ledger up first");
    }

    private Replay replay(String token, String source) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return new Replay(new Options(url, source), token, new PrintStream(printed, true, StandardCharsets.UTF_8),
                Duration.ZERO);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** An admin API that answers the start with {@code startStatus}, then each status in turn (the last one repeats). */
    private void serve(int startStatus, String startBody, String... statuses) throws IOException {
        Deque<String> next = new ArrayDeque<>(List.of(statuses));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().toString();
            requests.add(exchange.getRequestMethod() + " " + path);
            if (path.startsWith("/actuator/health/readiness")) {
                answer(exchange, 200, "{\"status\":\"UP\"}");
            } else if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                answer(exchange, 401, "{\"title\":\"Unauthorized\"}");
            } else if (exchange.getRequestMethod().equals("POST")) {
                answer(exchange, startStatus, startBody);
            } else {
                answer(exchange, 200, next.size() > 1 ? next.poll() : next.peek());
            }
        });
        server.start();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
