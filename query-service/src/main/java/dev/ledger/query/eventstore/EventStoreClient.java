package dev.ledger.query.eventstore;

import dev.ledger.web.security.ServiceToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the command-service's event feed ({@code /admin/event-store/**}, with the service token): the event store as a
 * source of the events the topic lost or never had. Events come back as envelope JSON exactly as on Kafka,
 * to be decoded by the projection's RecordDecoder like any record.
 */
@Component
public class EventStoreClient {

    /** A debate the event store knows, with its highest sequence. */
    public record StoredDebate(String debateId, long lastSequence) {
    }

    /** One page of the debate list; {@code next} is the cursor for the following page, null when done. */
    public record DebatePage(List<StoredDebate> debates, String next) {
    }

    /** Envelope JSON of the debate's events from the requested sequence on, in order. */
    public record DebateEvents(String debateId, long lastSequence, List<String> events) {
    }

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http;
    private final String baseUrl;
    private final String token;
    private final Duration requestTimeout;

    EventStoreClient(@Value("${ledger.command.url}") String baseUrl, ServiceToken serviceToken,
                     @Value("${ledger.command.timeout:10s}") Duration requestTimeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = serviceToken.value();
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    public DebatePage debates(String after, int limit) {
        String query = "limit=" + limit + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        JsonNode body = get("/admin/event-store/debates?" + query)
                .orElseThrow(() -> new EventStoreUnavailable("the event feed answered 404 for the debate list", null));
        List<StoredDebate> debates = new ArrayList<>();
        for (JsonNode debate : body.path("debates")) {
            debates.add(new StoredDebate(debate.get("debateId").asString(), debate.get("lastSequence").asLong()));
        }
        JsonNode next = body.get("next");
        return new DebatePage(debates, next == null || next.isNull() ? null : next.asString());
    }

    /** The debate's events with sequence >= fromSequence (at most limit); empty when the event store does not know it. */
    public Optional<DebateEvents> events(String debateId, long fromSequence, int limit) {
        String path = "/admin/event-store/debates/" + URLEncoder.encode(debateId, StandardCharsets.UTF_8)
                + "/events?fromSequence=" + fromSequence + "&limit=" + limit;
        return get(path).map(body -> {
            List<String> events = new ArrayList<>();
            for (JsonNode event : body.path("events")) {
                events.add(json.writeValueAsString(event));
            }
            return new DebateEvents(debateId, body.path("lastSequence").asLong(), events);
        });
    }

    private Optional<JsonNode> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new EventStoreUnavailable("the event feed at " + baseUrl + " is unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreUnavailable("interrupted while reading the event feed", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new EventStoreUnavailable("the event feed at " + baseUrl + " answered " + response.statusCode()
                    + " to GET " + path + (response.statusCode() == 401 || response.statusCode() == 403
                    ? " (check LEDGER_SERVICE_TOKEN: both services need the same one)" : ""), null);
        }
        try {
            return Optional.of(json.readTree(response.body()));
        } catch (RuntimeException e) {
            throw new EventStoreUnavailable("the event feed answered unreadable JSON to GET " + path, e);
        }
    }
}
