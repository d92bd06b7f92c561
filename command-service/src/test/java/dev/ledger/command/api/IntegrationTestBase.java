package dev.ledger.command.api;

import dev.ledger.web.health.SettableHealthIndicator;
import dev.ledger.infra.postgres.LocalPostgres;
import dev.ledger.command.CommandServiceApplication;
import dev.ledger.events.history.SigningKey;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import dev.ledger.infra.http.AccountTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Spring context for all integration tests (same annotations and properties => context cache):
 * the real app on a random port, a real PostgreSQL (started once per JVM) and an embedded KRaft Kafka,
 * plus a health component tests can set ({@link SettableHealthIndicator}, UP unless a test says otherwise).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(SettableHealthIndicator.Registration.class)
// No automatic topic creation, as on a production cluster: a topic nobody created cannot be written
// (PublishingStallTest relies on that to make every send fail).
@EmbeddedKafka(partitions = 3, topics = "ledger.events", bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = "auto.create.topics.enable=false")
public abstract class IntegrationTestBase {

    static final LocalPostgres POSTGRES = LocalPostgres.throwaway();
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String SERVICE_TOKEN = "test-service-token-7f3a-0123456789abcdef";
    /** The key that signs every debate's checkpoints in these tests. */
    static final SigningKey SIGNING_KEY = SigningKey.generate("ledger.test");
    /** Who sends a command that names no participant (opening a debate). */
    static final String DEFAULT_ACTOR = "opener";
    /** Account tokens made through the admin API, by service port and handle. */
    private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> POSTGRES.createDatabaseIfMissing("ledger_command"));
        registry.add("spring.datasource.username", () -> LocalPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("ledger.service-token", () -> SERVICE_TOKEN);
        registry.add("ledger.signing-key", SIGNING_KEY::format);
    }

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    private final List<ConfigurableApplicationContext> ownInstances = new ArrayList<>();

    /**
     * Starts a service instance of the test's own beside the shared one: loopback, a random port, the given
     * database, the shared broker, and the given settings as command-line arguments (they outrank application.yaml,
     * as the environment does in production). Closed after the test.
     */
    ConfigurableApplicationContext startInstance(String databaseUrl, String... settings) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--ledger.service-token=" + SERVICE_TOKEN, "--ledger.signing-key=" + SIGNING_KEY.format(),
                "--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + LocalPostgres.USER,
                "--spring.datasource.password=", "--spring.kafka.bootstrap-servers=" + bootstrapServers));
        arguments.addAll(List.of(settings));
        ConfigurableApplicationContext instance =
                new SpringApplicationBuilder(CommandServiceApplication.class).run(arguments.toArray(String[]::new));
        ownInstances.add(instance);
        return instance;
    }

    static int portOf(ConfigurableApplicationContext instance) {
        return ((WebServerApplicationContext) instance).getWebServer().getPort();
    }

    @AfterEach
    void stopOwnInstances() {
        ownInstances.forEach(ConfigurableApplicationContext::close);
        ownInstances.clear();
    }

    @Autowired
    JdbcTemplate jdbc;

    /** A request the service does not answer within this is a failure, never a hung test. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newHttpClient();

    record Response(int status, String contentType, JsonNode body, String raw, java.net.http.HttpHeaders headers) {
        String text(String field) {
            return body.get(field).asString();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Response send(String method, String path, String json, String... headers) {
        return send(port, method, path, json, headers);
    }

    /**
     * Sends a request as a client would. Without an Authorization header among {@code headers}, an API request carries
     * the token of the participant it names (the body's by or participantId, the path's participantId of a view), else
     * of {@link #DEFAULT_ACTOR}: the actor is the caller. The actuator is read with the service token, as an operator's
     * tools would; /admin/** and the API docs get no token unless the test gives one.
     */
    Response send(int port, String method, String path, String json, String... headers) {
        boolean authorized = false;
        for (int i = 0; i < headers.length; i += 2) {
            authorized |= headers[i].equalsIgnoreCase("Authorization");
        }
        if (authorized || path.startsWith("/admin/") || path.startsWith("/v3/")) {
            return sendAsIs(port, method, path, json, headers);
        }
        String token = path.startsWith("/actuator") ? SERVICE_TOKEN : tokenOf(port, AccountTokens.actorNamedBy(path, json, DEFAULT_ACTOR));
        List<String> withToken = new ArrayList<>(List.of(headers));
        withToken.addAll(List.of("Authorization", "Bearer " + token));
        return sendAsIs(port, method, path, json, withToken.toArray(String[]::new));
    }

    /** A request with no credentials at all. */
    Response anonymous(String method, String path, String json) {
        return sendAsIs(port, method, path, json);
    }

    /** The token of an account with this handle on the shared instance, made through the admin API when first needed. */
    String tokenOf(String handle) {
        return tokenOf(port, handle);
    }

    String tokenOf(int port, String handle) {
        return TOKENS.computeIfAbsent(port + "/" + handle, key -> {
            Response created = sendAsIs(port, "POST", "/admin/accounts/" + handle + "/tokens", null,
                    "Authorization", "Bearer " + SERVICE_TOKEN);
            if (created.status() != 201) {
                throw new IllegalStateException("could not create a token for " + handle + ": " + created);
            }
            return created.text("token");
        });
    }

    Response sendAsIs(int port, String method, String path, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .timeout(REQUEST_TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() || !contentType.contains("json") ? null : JSON.readTree(response.body());
            return new Response(response.statusCode(), contentType, body,
                    response.body(), response.headers());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    Response post(String path, String json, String... headers) {
        return send("POST", path, json, headers);
    }

    /** A GET with the service token (the admin API, the actuator's details). */
    Response admin(String path) {
        return send("GET", path, null, "Authorization", "Bearer " + SERVICE_TOKEN);
    }

    /** Polls {@code probe} until {@code done} holds or the timeout passes; returns the last value either way. */
    static <T> T awaitValue(Duration timeout, java.util.function.Supplier<T> probe, java.util.function.Predicate<T> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        return value;
    }

    long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    long eventCount(String debateId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class, debateId);
    }

    /**
     * A public debate {@link #DEFAULT_ACTOR} owns: the tests that use it are about what happens in a debate, so any
     * account may join it (who may join which debate is RoleMatrixTest's).
     */
    /** A request sent with the token of the account {@code handle}. */
    Response as(String handle, String method, String path, String json) {
        return send(method, path, json, "Authorization", "Bearer " + tokenOf(handle));
    }

    /** The payload of a debate's latest event, as stored. */
    String latestEvent(String debateId) {
        return jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", String.class, debateId);
    }

    String openDebate() {
        Response opened = post("/debates", "{\"title\":\"Tabs or spaces?\",\"visibility\":\"public\"}");
        if (opened.status() != 201) {
            throw new IllegalStateException("could not open a debate: " + opened);
        }
        return opened.text("debateId");
    }

    void join(String debateId, String participantId) {
        Response joined = post("/debates/" + debateId + "/participants",
                "{\"participantId\":\"" + participantId + "\",\"displayName\":\"" + participantId + "\"}");
        if (joined.status() != 201) {
            throw new IllegalStateException("could not join: " + joined);
        }
    }

    String stateClaim(String debateId, String by) {
        Response stated = post("/debates/" + debateId + "/claims", "{\"statement\":\"Tabs are better\",\"by\":\"" + by + "\"}");
        if (stated.status() != 201) {
            throw new IllegalStateException("could not state a claim: " + stated);
        }
        return stated.text("claimId");
    }
}
