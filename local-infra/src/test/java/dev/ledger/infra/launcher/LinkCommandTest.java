package dev.ledger.infra.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ledger.infra.http.JsonHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A contract test of {@code ./ledger link}, the client: a small HTTP server plays the query-service's
 * {@code POST /admin/sign-in-links} as docs/api.md describes it (the service token, 201 with the url, problem+json
 * for a bad handle). The query-service's WebSignInTest covers the endpoint itself.
 */
class LinkCommandTest {

    private static final String SERVICE_TOKEN = "the-service-token-0123456789abcdefghijkl";

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;

    @BeforeEach
    void startTheQueryService() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/admin/sign-in-links", this::signInLinks);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void printsTheLinkAndNothingElse() {
        command(SERVICE_TOKEN).run(List.of("maya"), new PrintStream(out, true), new PrintStream(err, true));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("http://localhost:8081/login/ott?token=abc" + System.lineSeparator());
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("sign in as maya").contains("2030-01-01T10:10:00Z");
        assertThat(bodies).containsExactly("{\"handle\":\"maya\"}");
    }

    @Test
    void saysWhyWhenRefused() {
        assertThatThrownBy(() -> command("wrong").run(List.of("maya"), System.out, System.err))
                .hasMessageContaining("refused the service token (401)");
        assertThatThrownBy(() -> command(SERVICE_TOKEN).run(List.of("no handle"), System.out, System.err))
                .hasMessageContaining("answered 400: handle must be 1 to 64 letters");
        assertThatThrownBy(() -> command(SERVICE_TOKEN).run(List.of(), System.out, System.err))
                .hasMessageStartingWith("which account?");
    }

    private LinkCommand command(String serviceToken) {
        return new LinkCommand(new JsonHttp(Duration.ofSeconds(5)), "http://127.0.0.1:" + server.getAddress().getPort(), serviceToken);
    }

    private void signInLinks(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                respond(exchange, 401, "{\"title\":\"Unauthorized\",\"detail\":\"a valid token is needed\"}");
            } else if (body.contains(" ")) {
                respond(exchange, 400, "{\"title\":\"Bad request\",\"detail\":\"handle must be 1 to 64 letters, digits\"}");
            } else {
                bodies.add(body);
                respond(exchange, 201, "{\"handle\":\"maya\",\"url\":\"http://localhost:8081/login/ott?token=abc\","
                        + "\"expiresAt\":\"2030-01-01T10:10:00Z\"}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
