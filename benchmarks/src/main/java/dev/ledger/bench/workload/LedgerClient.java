package dev.ledger.bench.workload;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger's public REST APIs, nothing else: commands to the command-service, queries to the query-service. Each
 * command is sent as the participant it names, with that account's own token; the accounts are created on first use
 * through the command-service's admin API ({@code POST /admin/accounts/{handle}/tokens}) with the service token, which
 * also reads the actuator.
 */
public final class LedgerClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String commandUrl;
    private final String queryUrl;
    private final String serviceToken;
    private final Map<String, String> accountTokens = new ConcurrentHashMap<>();

    /** @param serviceToken the services' token (null: commands and the actuator's metrics are refused with 401) */
    public LedgerClient(String commandUrl, String queryUrl, String serviceToken) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        this.commandUrl = stripSlash(commandUrl);
        this.queryUrl = stripSlash(queryUrl);
        this.serviceToken = serviceToken;
    }

    public String commandUrl() {
        return commandUrl;
    }

    public String queryUrl() {
        return queryUrl;
    }

    public HttpResponse<String> send(Command command) throws IOException, InterruptedException {
        return sendJson(command.method(), commandUrl + command.path(), command.body(), "Bearer " + tokenOf(actorOf(command)));
    }

    /**
     * Creates the account of the command's actor unless it exists, so that timing {@link #send} measures the command
     * alone, not the admin call that makes a new participant's token.
     */
    public void ensureAccountOf(Command command) throws IOException, InterruptedException {
        tokenOf(actorOf(command));
    }

    private static String actorOf(Command command) {
        return command.participantId() == null ? OPENER : command.participantId();
    }

    /** Who opens the debates (opening names no participant). */
    static final String OPENER = "bench-opener";

    /** The account token of {@code handle}, creating the account on first use. */
    private String tokenOf(String handle) throws IOException, InterruptedException {
        String known = accountTokens.get(handle);
        if (known != null) {
            return known;
        }
        if (serviceToken == null) {
            throw new IllegalStateException("no service token to create accounts with: pass --service-token-file or set"
                    + " LEDGER_SERVICE_TOKEN (./ledger up keeps it in $LEDGER_DATA/service-token)");
        }
        HttpResponse<String> created = post(commandUrl + "/admin/accounts/" + handle + "/tokens", serviceToken);
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST /admin/accounts/" + handle + "/tokens answered " + created.statusCode()
                    + ": " + created.body());
        }
        String token = JSON.readTree(created.body()).path("token").asString();
        accountTokens.put(handle, token);
        return token;
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A JSON POST to any absolute URL, sent exactly as commands are (for the bare Spring MVC limit). */
    public HttpResponse<String> postJson(String url, String body) throws IOException, InterruptedException {
        return sendJson("POST", url, body, null);
    }

    private HttpResponse<String> sendJson(String method, String url, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request.method(method, HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> query(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(getRequest(queryUrl + pathAndQuery, null), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A query sent and answered on the calling thread ({@link HttpURLConnection}, whose connections the JDK keeps
     * alive): for the sequential latency phases. The {@link HttpClient} hands every request between its own threads,
     * which added about 0.5 ms to the median and a tail of its own (measured interleaved on the same queries: beliefs
     * p50 2.1 vs 1.5 ms, p99 14.3 vs 11.6 ms), time that belongs to the client, not the ledger. The body is read
     * to the end so that the connection can be reused.
     */
    public QueryAnswer queryOnThisThread(String pathAndQuery) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(queryUrl + pathAndQuery).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout((int) TIMEOUT.toMillis());
        connection.setRequestProperty("Accept", "application/json");
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            return new QueryAnswer(status, body == null ? 0 : body.readAllBytes().length);
        }
    }

    public record QueryAnswer(int status, int bytes) {
    }

    public CompletableFuture<HttpResponse<String>> queryAsync(String pathAndQuery) {
        return http.sendAsync(getRequest(queryUrl + pathAndQuery, null), HttpResponse.BodyHandlers.ofString());
    }

    /** GET on any absolute URL (actuator, admin), with an optional bearer token. */
    public HttpResponse<String> get(String url, String bearerToken) throws IOException, InterruptedException {
        return http.send(getRequest(url, bearerToken), HttpResponse.BodyHandlers.ofString());
    }

    /** GET of a text resource (e.g. /actuator/prometheus, which does not answer JSON), with the service token. */
    public HttpResponse<String> getText(String url) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Accept", "text/plain").GET();
        if (serviceToken != null) {
            request.header("Authorization", "Bearer " + serviceToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET of the actuator (metrics), with the service token. */
    public HttpResponse<String> actuator(String url) throws IOException, InterruptedException {
        return get(url, serviceToken);
    }

    public HttpResponse<String> post(String url, String bearerToken) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.noBody());
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest getRequest(String url, String bearerToken) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .header("Accept", "application/json").GET();
        if (bearerToken != null) {
            request.header("Authorization", "Bearer " + bearerToken);
        }
        return request.build();
    }

    /** Whether something answers 200 on the URL within two seconds. */
    public boolean answers(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
