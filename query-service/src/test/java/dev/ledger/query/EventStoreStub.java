package dev.ledger.query;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ledger.events.EventCodec;
import dev.ledger.events.EventEnvelope;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;

/**
 * The command-service's admin event feed as described in common.md ("Command-service event feed"), served
 * from the envelopes the tests put in it. The query-service tests run against this stand-in; the real pair
 * (query-service reading the real command-service) is exercised by the system-tests.
 * One per test JVM; tests only add debates with their own ids.
 */
final class EventStoreStub {

    /** The service token both the stub and the query-service under test hold. */
    static final String TOKEN = "test-service-token-0123456789abcdef";
    private static final EventCodec CODEC = new EventCodec();
    private static final EventStoreStub INSTANCE = new EventStoreStub();

    /** debateId -> sequence -> envelope JSON. */
    private final ConcurrentSkipListMap<String, NavigableMap<Long, String>> debates = new ConcurrentSkipListMap<>();
    private final HttpServer server;
    private volatile boolean failing;
    private volatile long delayMillis;
    /** Account tokens the stub's introspection accepts: token -> its RFC 7662 answer. */
    private final Map<String, String> accounts = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Set<String> admins = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, String> checkpoints = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Integer> issued = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> lastIssued = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger introspections = new java.util.concurrent.atomic.AtomicInteger();

    private EventStoreStub() {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, each answer then waits
        // ~40 ms for the client's delayed ACK, which would make the stub, not the rebuild, the bottleneck.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/admin/event-store/debates", this::handle);
        server.createContext("/admin/tokens/introspect", this::introspect);
        server.createContext("/admin/tokens/revoke", this::revokeToken);
        server.createContext("/admin/accounts/", this::issueToken);
        server.createContext("/debates", this::command);
        server.setExecutor(Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "event-store-stub");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    static EventStoreStub get() {
        return INSTANCE;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void add(EventEnvelope envelope) {
        addRaw(envelope.debateId(), envelope.sequence(), CODEC.toJson(envelope));
    }

    void addRaw(String debateId, long sequence, String json) {
        debates.computeIfAbsent(debateId, id -> new TreeMap<>());
        synchronized (debates.get(debateId)) {
            debates.get(debateId).put(sequence, json);
        }
    }

    /** Makes the introspection accept {@code token} as the account {@code handle} (an admin one if {@code admin}). */
    void account(String token, String handle, boolean admin) {
        accounts.put(token, "{\"active\":true,\"sub\":\"" + handle + "\",\"name\":\"" + handle + "\",\"ledger_admin\":" + admin + "}");
    }

    /** A command the stub's command API received (the web view's forms forward them). */
    record CommandRequest(String method, String path, String authorization, String idempotencyKey, String body) {
    }

    /** An answer the stub's command API gives to the next command. */
    record CommandAnswer(int status, String body, long delayMillis) {
    }

    private final java.util.concurrent.BlockingQueue<CommandRequest> commands = new java.util.concurrent.LinkedBlockingQueue<>();
    private final java.util.Queue<CommandAnswer> commandAnswers = new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** The next command is answered so (in order; without one: 201 with sequence 1). */
    void answerNextCommand(int status, String body, long delayMillis) {
        commandAnswers.add(new CommandAnswer(status, body, delayMillis));
    }

    /** The oldest command received and not taken yet, waiting up to 5 s. */
    CommandRequest takeCommand() throws InterruptedException {
        CommandRequest request = commands.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        if (request == null) {
            throw new AssertionError("the command API stand-in received no command");
        }
        return request;
    }

    /** The signed checkpoint note the stub's GET /debates/{debateId}/checkpoint gives (without one: 404). */
    void checkpoint(String debateId, String note) {
        checkpoints.put(debateId, note);
    }

    /** Makes {@code handle} an admin: tokens the stub issues for it from now on introspect as an admin's. */
    void admin(String handle) {
        admins.add(handle);
    }

    /** How many tokens the stub's admin API has issued for {@code handle}. */
    int issued(String handle) {
        return issued.getOrDefault(handle, 0);
    }

    /** Revokes a token, as DELETE /admin/accounts/{handle}/tokens would. */
    void revoke(String token) {
        accounts.remove(token);
    }

    /** The token the stub's admin API issued last for {@code handle} (a web session's, say). */
    String lastIssued(String handle) {
        return lastIssued.get(handle);
    }

    /** RFC 7009 as the command-service answers it: the form's token revoked, for the service token only. */
    private void revokeToken(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!answersTheService(exchange)) {
                return;
            }
            String token = query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)).get("token");
            boolean revoked = token != null && accounts.remove(token) != null;
            respond(exchange, 200, "{\"revoked\":" + revoked + "}");
        }
    }

    /** How many introspection requests the stub has answered. */
    int introspections() {
        return introspections.get();
    }

    /** While failing, every request is answered 503 (the command-service is down). */
    void failing(boolean failing) {
        this.failing = failing;
    }

    /** Slows every events request down, so a test can catch a rebuild in the middle. */
    void delay(long millis) {
        this.delayMillis = millis;
    }

    /** RFC 7662 as the command-service answers it: the form's token, for the service token only. */
    private void introspect(HttpExchange exchange) throws IOException {
        try (exchange) {
            introspections.incrementAndGet();
            if (!answersTheService(exchange)) {
                return;
            }
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String token = query(form).get("token");
            respond(exchange, 200, token == null ? "{\"active\":false}" : accounts.getOrDefault(token, "{\"active\":false}"));
        }
    }

    /** POST /admin/accounts/{handle}/tokens as the command-service answers it: a new token the introspection accepts. */
    private void issueToken(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!answersTheService(exchange)) {
                return;
            }
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (!"POST".equals(exchange.getRequestMethod()) || path.length != 5 || !"tokens".equals(path[4])) {
                respond(exchange, 404, "{\"title\":\"Not found\"}");
                return;
            }
            String handle = path[3];
            String token = "ldg_" + java.util.UUID.randomUUID();
            account(token, handle, admins.contains(handle));
            issued.merge(handle, 1, Integer::sum);
            lastIssued.put(handle, token);
            respond(exchange, 201, "{\"handle\":\"" + handle + "\",\"displayName\":\"" + handle + "\",\"token\":\"" + token + "\"}");
        }
    }

    /** The command API (POST/PUT /debates/...): records the request and gives the answer a test asked for. */
    private void command(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("GET".equals(exchange.getRequestMethod())) {
                history(exchange);
                return;
            }
            commands.add(new CommandRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            CommandAnswer answer = commandAnswers.poll();
            if (answer == null) {
                answer = new CommandAnswer(201, "{\"sequence\":1}", 0);
            }
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            respond(exchange, answer.status(), answer.body());
        }
    }

    /**
     * The history reads as the command-service answers them: a debate's checkpoint (the note a test set) to anyone,
     * its export (a zip of the note) to a bearer of an account's token, 401 without one.
     */
    private void history(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        String note = path.length == 4 ? checkpoints.get(path[2]) : null;
        if (failing || note == null) {
            respond(exchange, failing ? 503 : 404, "{\"title\":\"Not found\"}");
        } else if ("checkpoint".equals(path[3])) {
            byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        } else if ("export".equals(path[3]) && accounts.containsKey(bearer(exchange))) {
            java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
            try (java.util.zip.ZipOutputStream entries = new java.util.zip.ZipOutputStream(zip)) {
                entries.putNextEntry(new java.util.zip.ZipEntry("checkpoint"));
                entries.write(note.getBytes(StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().set("Content-Type", "application/zip");
            exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"debate-" + path[2] + ".zip\"");
            exchange.sendResponseHeaders(200, zip.size());
            exchange.getResponseBody().write(zip.toByteArray());
        } else {
            respond(exchange, "export".equals(path[3]) ? 401 : 404, "{\"title\":\"Refused\"}");
        }
    }

    private static String bearer(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        return authorization == null ? "" : authorization.replaceFirst("^Bearer ", "");
    }

    /** Whether the request bears the service token and the stub is up; otherwise answers 401 or 503. */
    private boolean answersTheService(HttpExchange exchange) throws IOException {
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"title\":\"Unauthorized\"}");
            return false;
        }
        if (failing) {
            respond(exchange, 503, "{\"title\":\"Unavailable\"}");
            return false;
        }
        return true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!answersTheService(exchange)) {
                return;
            }
            String path = exchange.getRequestURI().getPath();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.equals("/admin/event-store/debates")) {
                list(exchange, query);
            } else if (path.endsWith("/events")) {
                pause();
                String debateId = URLDecoder.decode(path.substring("/admin/event-store/debates/".length(),
                        path.length() - "/events".length()), StandardCharsets.UTF_8);
                events(exchange, debateId, query);
            } else {
                respond(exchange, 404, "{\"title\":\"Not found\"}");
            }
        }
    }

    private void list(HttpExchange exchange, Map<String, String> query) throws IOException {
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        String after = query.get("after");
        NavigableMap<String, NavigableMap<Long, String>> rest = after == null ? debates : debates.tailMap(after, false);
        List<String> entries = new ArrayList<>();
        String last = null;
        for (Map.Entry<String, NavigableMap<Long, String>> debate : rest.entrySet()) {
            if (entries.size() == limit) {
                break;
            }
            long lastSequence;
            synchronized (debate.getValue()) {
                lastSequence = debate.getValue().lastKey();
            }
            entries.add("{\"debateId\":\"" + debate.getKey() + "\",\"lastSequence\":" + lastSequence + "}");
            last = debate.getKey();
        }
        boolean more = last != null && debates.higherKey(last) != null;
        respond(exchange, 200, "{\"debates\":[" + String.join(",", entries) + "],\"next\":"
                + (more ? "\"" + last + "\"" : "null") + "}");
    }

    private void events(HttpExchange exchange, String debateId, Map<String, String> query) throws IOException {
        NavigableMap<Long, String> events = debates.get(debateId);
        if (events == null) {
            respond(exchange, 404, "{\"title\":\"Not found\"}");
            return;
        }
        long from = Long.parseLong(query.getOrDefault("fromSequence", "1"));
        int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
        List<String> page = new ArrayList<>();
        long lastSequence;
        synchronized (events) {
            lastSequence = events.lastKey();
            for (String json : events.tailMap(from, true).values()) {
                if (page.size() == limit) {
                    break;
                }
                page.add(json);
            }
        }
        respond(exchange, 200, "{\"debateId\":\"" + debateId + "\",\"lastSequence\":" + lastSequence
                + ",\"events\":[" + String.join(",", page) + "]}");
    }

    private void pause() {
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int equals = pair.indexOf('=');
                if (equals > 0) {
                    query.put(pair.substring(0, equals), URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
