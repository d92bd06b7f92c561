package dev.ledger.query;

import dev.ledger.web.health.SettableHealthIndicator;
import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;
import dev.ledger.infra.postgres.LocalPostgres;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One Spring context for every test class (same annotations and properties, so the context cache shares it),
 * against a real PostgreSQL and a real Kafka broker. The topic has one partition so that records of
 * different debates are consumed in the order they were sent: a marker record proves the ones before it
 * were handled. Each test uses its own debate ids. A health component tests can set ({@link SettableHealthIndicator})
 * is UP unless a test says otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "ledger.query.read-your-writes-timeout=1s",
        "ledger.query.dead-letter.retry-interval=20ms",
        "ledger.query.catch-up.max-lag=3",
        "ledger.query.catch-up.refresh=0ms",
        "spring.kafka.consumer.properties.max.poll.interval.ms=60000",
        "logging.level.org.apache.kafka=WARN",
        "logging.level.kafka=WARN",
        "logging.level.org.apache.kafka.clients.consumer.internals=ERROR",
        "ledger.service-token=" + EventStoreStub.TOKEN,
        "ledger.accounts.introspection-cache=" + QueryServiceTestBase.INTROSPECTION_CACHE_MS + "ms",
        "ledger.gap-repair.after=200ms",
        "ledger.gap-repair.interval=200ms",
        // Tests that need it call Reconciliation.reconcile(); on its own it would bring debates the tests keep
        // only in the event store stand-in into the read model at moments no test chose.
        "ledger.reconciliation.interval=1h",
        "ledger.reconciliation.grace=200ms",
        "ledger.rebuild.batch-size=500",
        "ledger.command.timeout=3s",
        "ledger.web.max-live-pages=" + QueryServiceTestBase.MAX_LIVE_PAGES,
        "ledger.web.live-heartbeat=1s",
        "ledger.query.max-waiting=" + QueryServiceTestBase.MAX_WAITING_READS,
})
@EmbeddedKafka(partitions = 1, topics = {QueryServiceTestBase.TOPIC, QueryServiceTestBase.TOPIC + ".DLT"},
        bootstrapServersProperty = "spring.kafka.bootstrap-servers")
@Import(SettableHealthIndicator.Registration.class)
public abstract class QueryServiceTestBase {

    static final String TOPIC = "ledger.events";
    /** How long the service reuses an introspection answer in these tests (production: 30 s). */
    static final long INTROSPECTION_CACHE_MS = 1000;
    /** How many live pages the service serves at once in these tests (production: 1000). */
    static final int MAX_LIVE_PAGES = 4;
    /**
     * How many ?minSequence= reads may wait at once in these tests (production: 64): so few that QueryLimitsTest's 150
     * requests exceed it however slowly a loaded machine sends them; no other test has more than one waiting.
     */
    static final int MAX_WAITING_READS = 4;

    static final EventCodec CODEC = new EventCodec();
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> Postgres.INSTANCE.createDatabaseIfMissing("ledger_query"));
        registry.add("spring.datasource.username", () -> LocalPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("ledger.command.url", () -> EventStoreStub.get().url());
    }

    /** Started once per test JVM, on first use. */
    static final class Postgres {
        static final LocalPostgres INSTANCE = LocalPostgres.throwaway();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(INSTANCE::close));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, String> kafka;

    @Autowired
    JdbcClient jdbc;

    void publish(EventEnvelope envelope) {
        publishRaw(envelope.debateId(), CODEC.toJson(envelope));
    }

    void publish(List<EventEnvelope> envelopes) {
        envelopes.forEach(this::publish);
    }

    void publishRaw(String key, String value) {
        try {
            kafka.send(TOPIC, key, value).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + TOPIC, e);
        }
    }

    /** Publishes many records without waiting for each acknowledgement; returns when all are acknowledged. */
    void publishAll(List<EventEnvelope> envelopes) {
        List<java.util.concurrent.CompletableFuture<?>> sent = new java.util.ArrayList<>();
        for (EventEnvelope envelope : envelopes) {
            sent.add(kafka.send(TOPIC, envelope.debateId(), CODEC.toJson(envelope)));
        }
        kafka.flush();
        try {
            java.util.concurrent.CompletableFuture.allOf(sent.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + TOPIC, e);
        }
    }

    /** A request to an admin endpoint with the service token. */
    Answer admin(String method, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + EventStoreStub.TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /**
     * GET ?minSequence=N the way a client reads its own write: retrying after a 503 not-ready, and after a 404 naming
     * debateId (the test's events go to the topic only, so the event store stub cannot tell that a debate not
     * projected yet exists). Sent with the service token, which may read every debate, private ones included.
     */
    Answer awaitAnswer(String path, long minSequence) {
        String separator = path.contains("?") ? "&" : "?";
        Answer[] answer = new Answer[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10)).until(() -> {
            answer[0] = get(path + separator + "minSequence=" + minSequence, "Authorization", "Bearer " + EventStoreStub.TOKEN);
            return answer[0].status() != 503 && !(answer[0].status() == 404 && answer[0].body().contains("\"field\":\"debateId\""));
        });
        return answer[0];
    }

    void awaitSequence(String debateId, long minSequence) {
        Answer answer = awaitAnswer("/debates/" + debateId, minSequence);
        if (answer.status() != 200) {
            throw new AssertionError("debate " + debateId + " did not reach " + minSequence + ": " + answer);
        }
    }

    /** A GET as anyone may send it; the actuator is read with the service token, as an operator's tools would. */
    Answer get(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (path.startsWith("/actuator")) {
            request.header("Authorization", "Bearer " + EventStoreStub.TOKEN);
        }
        return send(request.build());
    }

    /** A GET with these headers only. */
    Answer get(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    /** A one-time sign-in link to the web view for {@code handle}, made with the service token. */
    String signInLink(String handle) {
        Answer made = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/sign-in-links"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + EventStoreStub.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"handle\":\"" + handle + "\"}")).build());
        if (made.status() != 201) {
            throw new AssertionError("no sign-in link: " + made);
        }
        return made.json().get("url").asString();
    }

    /** A fresh account token the command-service's stand-in accepts. */
    static String token(String handle, boolean admin) {
        String token = "ldg_" + java.util.UUID.randomUUID();
        EventStoreStub.get().account(token, handle, admin);
        return token;
    }

    Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Answer(int status, String contentType, String retryAfter, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }
}
