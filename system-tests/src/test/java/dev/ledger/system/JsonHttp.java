package dev.ledger.system;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A tiny JSON-over-HTTP client: what a user with curl would do, in Java. */
final class JsonHttp {

    /** An answer; {@code body} is the parsed JSON (a null node when the body is empty or not JSON), {@code text} the raw body. */
    record Answer(int status, String contentType, JsonNode body, String text, HttpHeaders headers, Duration took) {

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        String problemType() {
            return body.path("type").asString("");
        }

        @Override
        public String toString() {
            String shown = text == null ? "" : text.length() > 500 ? text.substring(0, 500) + "..." : text;
            return status + " " + contentType + " after " + took.toMillis() + " ms: " + shown;
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Credentials credentials;

    /** Which {@code Authorization} header a request carries (null: none). */
    @FunctionalInterface
    interface Credentials {
        String authorization(String path, byte[] body);
    }

    JsonHttp(String baseUrl) {
        this(baseUrl, (path, body) -> null);
    }

    /** A client that sends {@code Authorization: Bearer <token>} with every request. */
    JsonHttp(String baseUrl, String token) {
        this(baseUrl, (path, body) -> "Bearer " + token);
    }

    JsonHttp(String baseUrl, Credentials credentials) {
        this.baseUrl = baseUrl;
        this.credentials = credentials;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The Authorization header this client sends with such a request (null: none), for requests built by hand. */
    String authorizationFor(String path, byte[] body) {
        return credentials.authorization(path, body);
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), path, null, DEFAULT_TIMEOUT);
    }

    Answer get(String path, Duration timeout) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), path, null, timeout);
    }

    Answer post(String path, Object body) {
        return post(path, body, DEFAULT_TIMEOUT);
    }

    Answer post(String path, Object body, Duration timeout) {
        return exchange("POST", path, JSON.writeValueAsBytes(body), timeout);
    }

    Answer put(String path, Object body) {
        return put(path, body, DEFAULT_TIMEOUT);
    }

    Answer put(String path, Object body, Duration timeout) {
        return exchange("PUT", path, JSON.writeValueAsBytes(body), timeout);
    }

    Answer delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).DELETE(), path, null, DEFAULT_TIMEOUT);
    }

    /** Any method with raw body bytes (sent as application/json), e.g. deliberately broken JSON. */
    Answer exchange(String method, String path, byte[] body, Duration timeout) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .method(method, publisher), path, body, timeout);
    }

    private Answer send(HttpRequest.Builder request, String path, byte[] sent, Duration timeout) {
        String authorization = credentials.authorization(path, sent);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = client.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            String text = new String(response.body(), StandardCharsets.UTF_8);
            JsonNode body;
            try {
                body = text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
            } catch (RuntimeException notJson) {
                body = JSON.nullNode();
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), body, text,
                    response.headers(), took);
        } catch (IOException e) {
            throw new IllegalStateException("request to " + baseUrl + " failed after "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
