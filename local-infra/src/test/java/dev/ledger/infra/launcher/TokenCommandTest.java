package dev.ledger.infra.launcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ledger.infra.http.JsonHttp;
import dev.ledger.infra.launcher.TokenCommand.Issue;
import dev.ledger.infra.launcher.TokenCommand.Revoke;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A contract test of {@code ./ledger token}, the client: the command-service's admin API for accounts cannot run
 * inside local-infra, so a small HTTP server plays it as the design documents it (paths, the service token,
 * 201/200 bodies, problem+json for bad handles and unknown accounts). {@code .ci/smoke} runs the command against
 * the real command-service.
 */
class TokenCommandTest {

    private static final String SERVICE_TOKEN = "the-service-token-0123456789abcdefghijkl";
    private static final Pattern ACCOUNT_PATH = Pattern.compile("/admin/accounts/([^/]+)/(tokens|admin)");
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private HttpServer server;

    private record Account(String displayName, boolean admin, int liveTokens) {
    }

    @BeforeEach
    void startTheAdminApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::playTheCommandService);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsItsCommandLine() {
        assertThat(TokenCommand.parse(List.of("maya"))).isEqualTo(new Issue("maya", null, false));
        assertThat(TokenCommand.parse(List.of("--name", "Maya Lind", "maya"))).isEqualTo(new Issue("maya", "Maya Lind", false));
        assertThat(TokenCommand.parse(List.of("--admin", "root"))).isEqualTo(new Issue("root", null, true));
        assertThat(TokenCommand.parse(List.of("--revoke", "maya"))).isEqualTo(new Revoke("maya"));
        assertThatThrownBy(() -> TokenCommand.parse(List.of())).hasMessageStartingWith("which account?");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("maya", "lukas"))).hasMessageStartingWith("unexpected 'lukas'");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("--revoke", "--admin", "maya")))
                .hasMessageStartingWith("--revoke takes only the handle");
        assertThatThrownBy(() -> TokenCommand.parse(List.of("maya", "--name"))).hasMessageStartingWith("--name needs a value");
    }

    @Test
    void printsOnlyANewTokenOnStdoutAndCreatesTheAccountWithItsName() {
        run("--name", "Maya Lind", "maya");

        String token = out.toString(StandardCharsets.UTF_8);
        assertThat(token).matches("ldg_[A-Za-z0-9_-]{43}\n");
        assertThat(requests).containsExactly("POST /admin/accounts/maya/tokens {\"displayName\":\"Maya Lind\"}");
        assertThat(accounts).containsEntry("maya", new Account("Maya Lind", false, 1));
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(token.strip());

        out.reset();
        run("maya");
        assertThat(out.toString(StandardCharsets.UTF_8)).isNotEqualTo(token).matches("ldg_[A-Za-z0-9_-]{43}\n");
        assertThat(requests).last().isEqualTo("POST /admin/accounts/maya/tokens");
        assertThat(accounts).containsEntry("maya", new Account("Maya Lind", false, 2));
    }

    @Test
    void makesAnAdminAndRevokesTokens() {
        run("--admin", "root");
        assertThat(accounts).containsEntry("root", new Account("root", true, 1));
        assertThat(requests).containsExactly("POST /admin/accounts/root/tokens", "PUT /admin/accounts/root/admin");

        out.reset();
        run("--revoke", "root");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("revoked 1 token(s) of root\n");
        assertThat(accounts).containsEntry("root", new Account("root", true, 0));
    }

    @Test
    void printsTheProblemsDetailWhenTheCommandServiceRefuses() {
        assertThatThrownBy(() -> run("maya lind"))
                .isInstanceOf(LaunchFailure.class)
                .hasMessage("POST /admin/accounts/maya%20lind/tokens answered 400: handle must be 1 to 64 letters, digits,"
                        + " '.', '_' or '-', starting with a letter or digit");
        assertThatThrownBy(() -> run("--revoke", "nobody"))
                .hasMessage("DELETE /admin/accounts/nobody/tokens answered 404: no account nobody");
        assertThat(out.size()).as("nothing on stdout").isZero();
        assertThat(accounts).isEmpty();
    }

    @Test
    void saysWhenTheServiceTokenIsRefusedOrTheLedgerIsNotRunning() throws IOException {
        TokenCommand wrongToken = new TokenCommand(new JsonHttp(Duration.ofSeconds(5)), url(), "not-the-service-token");
        assertThatThrownBy(() -> wrongToken.run(List.of("maya"), print(out), print(err)))
                .hasMessageStartingWith("the command-service refused the service token (401): Full authentication is required");

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TokenCommand notRunning = new TokenCommand(new JsonHttp(Duration.ofSeconds(5)), "http://127.0.0.1:" + closedPort,
                SERVICE_TOKEN);
        assertThatThrownBy(() -> notRunning.run(List.of("maya"), print(out), print(err)))
                .hasMessage("the command-service does not answer at http://127.0.0.1:" + closedPort
                        + ": is the ledger running? Start it with ./ledger up");
        assertThat(accounts).isEmpty();
    }

    @Test
    void asksForTheLedgerToBeStartedWhenNoServiceTokenWasMadeYet(@TempDir Path data) {
        Settings settings = Settings.from(Map.of("LEDGER_ROOT", data.toString(), "LEDGER_DATA", data.toString()));
        assertThatThrownBy(() -> TokenCommand.connectedTo(settings))
                .hasMessage("no service token in " + data.resolve("service-token")
                        + ": start the ledger with ./ledger up (it creates one)");
    }

    private void run(String... args) {
        new TokenCommand(new JsonHttp(Duration.ofSeconds(5)), url(), SERVICE_TOKEN).run(List.of(args), print(out), print(err));
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static PrintStream print(ByteArrayOutputStream to) {
        return new PrintStream(to, true, StandardCharsets.UTF_8);
    }

    /** The documented admin API: only the service token, accounts made on first use, problem+json refusals. */
    private void playTheCommandService(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getRawPath();
        requests.add(method + " " + path + (body.isEmpty() ? "" : " " + body));
        if (!("Bearer " + SERVICE_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            problem(exchange, 401, "Full authentication is required to access this resource");
            return;
        }
        Matcher matcher = ACCOUNT_PATH.matcher(path);
        if (!matcher.matches()) {
            problem(exchange, 404, "no such endpoint");
            return;
        }
        String handle = exchange.getRequestURI().getPath().split("/")[3];
        if (!HANDLE.matcher(handle).matches()) {
            problem(exchange, 400, "handle must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
            return;
        }
        Account account = accounts.get(handle);
        switch (method + " " + matcher.group(2)) {
            case "POST tokens" -> {
                JsonNode request = body.isEmpty() ? json.createObjectNode() : json.readTree(body);
                Account updated = account == null
                        ? new Account(request.path("displayName").asString(handle), false, 1)
                        : new Account(account.displayName(), account.admin(), account.liveTokens() + 1);
                accounts.put(handle, updated);
                answer(exchange, 201, "application/json", json.writeValueAsString(Map.of("handle", handle,
                        "displayName", updated.displayName(), "token", "ldg_" + LocalSecrets.random())));
            }
            case "DELETE tokens" -> {
                if (account == null) {
                    problem(exchange, 404, "no account " + handle);
                    return;
                }
                accounts.put(handle, new Account(account.displayName(), account.admin(), 0));
                answer(exchange, 200, "application/json",
                        json.writeValueAsString(Map.of("handle", handle, "revoked", account.liveTokens())));
            }
            case "PUT admin" -> {
                accounts.put(handle, account == null ? new Account(handle, true, 0)
                        : new Account(account.displayName(), true, account.liveTokens()));
                answer(exchange, 200, "application/json", json.writeValueAsString(Map.of("handle", handle, "admin", true)));
            }
            default -> problem(exchange, 405, "method not allowed");
        }
    }

    private void problem(HttpExchange exchange, int status, String detail) throws IOException {
        answer(exchange, status, "application/problem+json",
                json.writeValueAsString(Map.of("type", "about:blank", "status", status, "detail", detail)));
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
