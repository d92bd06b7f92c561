package dev.ledger.infra.demo;

import dev.ledger.infra.http.AccountTokens;
import dev.ledger.infra.http.JsonHttp;
import dev.ledger.infra.http.JsonHttp.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The public REST APIs of both services, as any client sees them: JSON over HTTP. Remembers the highest event
 * sequence its own commands produced, so that queries can ask the read model to catch up with them first
 * ({@code ?minSequence=}). Each command is sent as the persona that acts, with that account's own token, and each
 * query as the persona that reads (the demo's debate is private: only its participants may see it).
 */
final class LedgerClient {

    private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(60);

    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(30));
    private final String commandUrl;
    private final String queryUrl;
    private final AccountTokens accounts;
    private long lastSequence;

    LedgerClient(String commandUrl, String queryUrl, AccountTokens accounts) {
        this.commandUrl = stripSlash(commandUrl);
        this.queryUrl = stripSlash(queryUrl);
        this.accounts = accounts;
    }

    /** A command of {@code actor} that must succeed; returns its answer and records the sequence it produced. */
    JsonNode command(String actor, String method, String path, Map<String, Object> body) {
        Answer answer = send(method, commandUrl, path, body, "Authorization", bearer(actor));
        if (!answer.isSuccess()) {
            throw new DemoFailure(method + " " + path + " was refused with " + answer.status() + ": " + answer.body());
        }
        sequenceOf(answer.body()).ifPresent(sequence -> lastSequence = Math.max(lastSequence, sequence));
        return answer.body();
    }

    /** A command of {@code actor} whose refusal the caller wants to look at. */
    Answer attempt(String actor, String method, String path, Map<String, Object> body) {
        Answer answer = send(method, commandUrl, path, body, "Authorization", bearer(actor));
        if (answer.isSuccess()) {
            sequenceOf(answer.body()).ifPresent(sequence -> lastSequence = Math.max(lastSequence, sequence));
        }
        return answer;
    }

    /** A query of {@code reader}, answered only once the read model has applied every event this client produced. */
    JsonNode query(String reader, String path) {
        String pathWithSequence = path + (path.contains("?") ? "&" : "?") + "minSequence=" + lastSequence;
        long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
        while (true) {
            Answer answer = send("GET", queryUrl, pathWithSequence, null, "Authorization", bearer(reader));
            if (answer.isSuccess()) {
                return answer.body();
            }
            if (answer.status() != 503 || System.nanoTime() > deadline) {
                throw new DemoFailure("GET " + pathWithSequence + " answered " + answer.status() + ": " + answer.body());
            }
            sleep(Duration.ofMillis(500)); // the read model is still catching up
        }
    }

    /** The status of a query sent without a token, as anyone on the network could send it. */
    int anonymousQueryStatus(String path) {
        return send("GET", queryUrl, path, null).status();
    }

    long lastSequence() {
        return lastSequence;
    }

    void requireReachable() {
        requireReachable("command-service", commandUrl);
        requireReachable("query-service", queryUrl);
    }

    private void requireReachable(String name, String baseUrl) {
        Answer health = send("GET", baseUrl, "/actuator/health/readiness", null);
        if (health.status() != 200) {
            throw new DemoFailure(name + " at " + baseUrl + " is not ready (readiness answered " + health.status() + ")");
        }
    }

    static Optional<Long> sequenceOf(JsonNode body) {
        JsonNode sequence = body == null ? MissingNode.getInstance() : body.path("sequence");
        return sequence.isNumber() ? Optional.of(sequence.asLong()) : Optional.empty();
    }

    private String bearer(String actor) {
        try {
            return accounts.bearerOf(actor);
        } catch (IllegalStateException e) {
            throw new DemoFailure(e.getMessage());
        }
    }

    private Answer send(String method, String baseUrl, String path, Map<String, Object> body, String... headers) {
        try {
            return http.send(method, baseUrl + path, body == null ? null : withoutNulls(body), headers);
        } catch (ConnectException e) {
            throw new DemoFailure("cannot reach " + baseUrl + " (connection refused). Is the ledger up? Start it with ./ledger up");
        } catch (IOException e) {
            throw new DemoFailure(method + " " + baseUrl + path + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> body) {
        Map<String, Object> copy = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            if (value != null) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }

    /** A readable reason why the demo stopped; printed without a stack trace. */
    static final class DemoFailure extends RuntimeException {

        DemoFailure(String message) {
            super(message);
        }
    }
}
