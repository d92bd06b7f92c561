package dev.ledger.infra.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP/1.1 for the local tools ({@code ./ledger demo}, {@code ./ledger replay}): a request, its answer read as JSON. */
public final class JsonHttp {

    /** An answer: its status, its content type and its body (missing when empty, a text node when not JSON). */
    public record Answer(int status, String contentType, JsonNode body) {

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final Duration timeout;

    public JsonHttp(Duration timeout) {
        this.timeout = timeout;
    }

    /** Sends {@code body} (none when null) as JSON, with the given header names and values in pairs. */
    public Answer send(String method, String url, Object body, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        return new Answer(response.statusCode(), contentType, parse(response.body()));
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return json.getNodeFactory().stringNode(text);
        }
    }
}
