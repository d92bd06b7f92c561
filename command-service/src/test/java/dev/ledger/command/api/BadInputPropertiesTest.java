package dev.ledger.command.api;

import dev.ledger.events.ClaimStated;
import dev.ledger.events.DebateOpened;
import dev.ledger.events.EventCodec;
import dev.ledger.events.ParticipantJoined;
import dev.ledger.events.ReasonProposed;
import dev.ledger.events.ViewUpdated;
import dev.ledger.infra.http.AccountTokens;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based bad input against the real running API: cases are generated with jqwik's
 * {@link Arbitraries} (fixed seed, override with {@code -Dledger.bad-input.seed=...}) and sent over HTTP.
 * Every bad request must be a 4xx problem+json naming a field, without a stack trace, within the request
 * timeout, and must not write an event. Unusual but valid text must be stored exactly as sent.
 */
class BadInputPropertiesTest extends IntegrationTestBase {

    private static final String SEED = System.getProperty("ledger.bad-input.seed", "20261127");
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final EventCodec CODEC = new EventCodec();

    /** One debate (alice, bob, a claim by alice, a reason by alice) shared by every case of this class. */
    private static String debateId;
    private static String claimId;
    private static String reasonId;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A request that must be refused; {@code fields} are the acceptable names in {@code errors} (empty: any). */
    record BadRequest(String label, String method, String path, byte[] body, Set<String> fields) {
        static BadRequest of(String label, String method, String path, String body, String... fields) {
            return new BadRequest(label, method, path, body.getBytes(StandardCharsets.UTF_8), Set.of(fields));
        }

        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return label + ": " + method + " " + path + " " + (text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text);
        }
    }

    record RawResponse(int status, String contentType, String body) {
    }

    /** One endpoint with a valid body; bad cases are mutations of it. */
    record Endpoint(String method, String path, Map<String, Object> validBody, List<String> required, List<String> texts) {
    }

    @BeforeEach
    void sharedDebate() {
        if (debateId == null) {
            debateId = openDebate();
            join(debateId, "alice");
            join(debateId, "bob");
            claimId = stateClaim(debateId, "alice");
            Response reason = post("/debates/" + debateId + "/reasons",
                    "{\"claimId\":\"" + claimId + "\",\"stance\":\"for\",\"text\":\"Tabs adapt\",\"by\":\"alice\"}");
            assertThat(reason.status()).as(reason.toString()).isEqualTo(201);
            reasonId = reason.text("reasonId");
        }
    }

    private List<Endpoint> endpoints() {
        String debate = "/debates/" + debateId;
        return List.of(
                new Endpoint("POST", "/debates", body("title", "T", "description", "D"), List.of("title"), List.of("title", "description")),
                new Endpoint("POST", debate + "/participants", body("participantId", "zed", "displayName", "Zed"),
                        List.of("displayName"), List.of("displayName")),
                new Endpoint("POST", debate + "/claims", body("statement", "S", "by", "alice"), List.of("statement"), List.of("statement")),
                new Endpoint("POST", debate + "/reasons", body("claimId", claimId, "stance", "against", "text", "R", "by", "bob"),
                        List.of("claimId", "stance", "text"), List.of("text")),
                new Endpoint("POST", debate + "/reasons/" + reasonId + "/acknowledgements", body("by", "bob", "kind", "noted", "note", "N"),
                        List.of("kind"), List.of("note")),
                new Endpoint("PUT", debate + "/participants/bob/views/" + claimId,
                        body("credence", 0.25, "rationale", "because", "becauseOf", List.of(reasonId)), List.of("credence"), List.of("rationale")));
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            body.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return body;
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    // ---------------------------------------------------------------- bad requests

    @Test
    void malformedAndTruncatedJsonIsRefused() {
        Arbitrary<Endpoint> endpoint = Arbitraries.of(endpoints());
        Arbitrary<BadRequest> truncated = endpoint.flatMap(e -> {
            String valid = json(e.validBody());
            return Arbitraries.integers().between(0, valid.length() - 1)
                    .map(cut -> BadRequest.of("truncated at " + cut, e.method(), e.path(), valid.substring(0, cut), "body"));
        });
        Arbitrary<String> garbage = Arbitraries.of("'single'", "undefined", "tru", "nul", "0x10", "01", ".5", "+1", "1.", "-", "\"open",
                "[1,]", "{,}", "\"a\" \"b\"", "// c\n\"x\"", "/* c */ \"x\"", "\"x\\q\"", "\"tab\there\"", "\"nl\nhere\"", "}", "]", "");
        Arbitrary<BadRequest> malformedValue = Combinators.combine(endpoint, garbage).as((e, g) -> {
            String field = e.required().get(0);
            String valid = json(e.validBody());
            String bad = valid.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + Matcher.quote(g));
            return BadRequest.of("malformed value " + g, e.method(), e.path(), bad, "body", field);
        });
        Arbitrary<String> structure = Arbitraries.of("{", "}", "{}}", "[]", "[", "\"just a string\"", "42", "null", "true", "{\"a\" 1}",
                "{'title':'x'}", "{title:\"x\"}", "{\"title\":\"x\",}", "{\"title\":\"x\"}{\"title\":\"y\"}", "{\"title\":\"x\"} trailing",
                "\uFEFF{\"title\":\"x\"", "<xml/>", "title=x", "{\"title\":\"x\"\u0000}");
        Arbitrary<BadRequest> malformedDocument = Combinators.combine(endpoint, structure)
                .as((e, s) -> BadRequest.of("malformed document", e.method(), e.path(), s));
        Arbitrary<BadRequest> invalidUtf8 = Combinators.combine(endpoint, Arbitraries.of(
                new byte[]{(byte) 0xC3, (byte) 0x28}, new byte[]{(byte) 0xFF}, new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[]{(byte) 0xF0, (byte) 0x9F}, new byte[]{(byte) 0xC0, (byte) 0xAF})).as((e, bytes) -> {
            String field = e.texts().get(0);
            byte[] prefix = ("{\"" + field + "\":\"a").getBytes(StandardCharsets.UTF_8);
            byte[] suffix = "b\"}".getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[prefix.length + bytes.length + suffix.length];
            System.arraycopy(prefix, 0, all, 0, prefix.length);
            System.arraycopy(bytes, 0, all, prefix.length, bytes.length);
            System.arraycopy(suffix, 0, all, prefix.length + bytes.length, suffix.length);
            return new BadRequest("invalid UTF-8", e.method(), e.path(), all, Set.of("body"));
        });
        assertAllRefused(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, truncated), net.jqwik.api.Tuple.of(3, malformedValue),
                net.jqwik.api.Tuple.of(2, malformedDocument), net.jqwik.api.Tuple.of(1, invalidUtf8)), 90);
    }

    /** Shields regex replacement text from '$' and '\' in generated values. */
    private static final class Matcher {
        static String quote(String replacement) {
            return java.util.regex.Matcher.quoteReplacement(replacement);
        }
    }

    @Test
    void wrongTypesMissingAndExtraFieldsAreRefused() {
        Arbitrary<Endpoint> endpoint = Arbitraries.of(endpoints());
        Arbitrary<Object> notAString = Arbitraries.of(42, -1.5, true, false, List.of(), List.of("x"), Map.of(), Map.of("a", 1));
        Arbitrary<Object> notANumber = Arbitraries.of("0.5", "", true, List.of(), List.of(0.5), Map.of(), Map.of("value", 0.5));
        Arbitrary<Object> notAList = Arbitraries.of("x", 1, true, Map.of(), List.of(1), List.of(List.of()), List.of(Map.of()), List.of(true));
        Arbitrary<Object> notAnEnum = Arbitraries.of("maybe", "", " for", 1, true, List.of("for"), Map.of());
        Arbitrary<BadRequest> wrongType = endpoint.flatMap(e -> Arbitraries.of(e.validBody().keySet()).flatMap(field -> {
            Arbitrary<Object> wrong = switch (field) {
                case "credence" -> notANumber;
                case "becauseOf" -> notAList;
                case "stance", "kind" -> notAnEnum;
                default -> notAString;
            };
            return wrong.map(value -> BadRequest.of("wrong type for " + field, e.method(), e.path(),
                    json(with(e.validBody(), field, value)), field, field + "[0]"));
        }));
        Arbitrary<BadRequest> missing = endpoint.flatMap(e -> Arbitraries.of(e.required()).flatMap(field ->
                Arbitraries.of(true, false).map(explicitNull -> {
                    Map<String, Object> body = new LinkedHashMap<>(e.validBody());
                    if (explicitNull) {
                        body.put(field, null);
                    } else {
                        body.remove(field);
                    }
                    return BadRequest.of((explicitNull ? "null " : "missing ") + field, e.method(), e.path(), json(body), field);
                })));
        Arbitrary<String> unknownName = Arbitraries.strings().alpha().numeric().withChars("_-$ ü字").ofMinLength(1).ofMaxLength(20)
                .map(name -> "x" + name);
        Arbitrary<Object> anyValue = Arbitraries.of("v", 1, true, List.of(), Map.of());
        Arbitrary<BadRequest> extra = Combinators.combine(endpoint, unknownName, anyValue).as((e, name, value) ->
                BadRequest.of("extra field " + name, e.method(), e.path(), json(with(e.validBody(), name, value)), name));
        Arbitrary<BadRequest> caseVariant = endpoint.map(e -> {
            Map<String, Object> body = new LinkedHashMap<>();
            e.validBody().forEach((k, v) -> body.put(k.toUpperCase(java.util.Locale.ROOT), v));
            return BadRequest.of("upper-case field names", e.method(), e.path(), json(body));
        });
        assertAllRefused(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, wrongType), net.jqwik.api.Tuple.of(3, missing),
                net.jqwik.api.Tuple.of(3, extra), net.jqwik.api.Tuple.of(1, caseVariant)), 110);
    }

    @Test
    void deepNestingIsRefused() {
        Arbitrary<Endpoint> endpoint = Arbitraries.of(endpoints());
        Arbitrary<Integer> depth = Arbitraries.integers().between(600, 10_000).edgeCases(c -> c.add(10_000));
        Arbitrary<BadRequest> nested = Combinators.combine(endpoint, depth, Arbitraries.of("array", "object", "array in field", "unclosed"))
                .as((e, d, shape) -> {
                    String field = e.required().get(0);
                    String body = switch (shape) {
                        case "array" -> "[".repeat(d) + "]".repeat(d);
                        case "object" -> "{\"a\":".repeat(d) + "1" + "}".repeat(d);
                        case "array in field" -> "{\"" + field + "\":" + "[".repeat(d) + "]".repeat(d) + "}";
                        default -> "{\"" + field + "\":" + "[".repeat(d);
                    };
                    return BadRequest.of("nesting " + shape + " depth " + d, e.method(), e.path(), body);
                });
        assertAllRefused(nested, 16);
    }

    @Test
    void controlCharactersAndLoneSurrogatesInTextsAreRefused() {
        Arbitrary<Endpoint> endpoint = Arbitraries.of(endpoints());
        Arbitrary<Character> control = Arbitraries.chars().range('\u0000', '\u001F').filter(c -> c != '\t' && c != '\n' && c != '\r')
                
                .edgeCases(c -> c.add('\u0000'));
        Arbitrary<Character> c1Control = Arbitraries.chars().range('\u007F', '\u009F');
        Arbitrary<String> escaped = Arbitraries.oneOf(control, c1Control).map(c -> String.format("\\u%04X", (int) c));
        Arbitrary<String> loneSurrogate = Arbitraries.oneOf(
                Arbitraries.chars().range('\uD800', '\uDBFF').map(c -> String.format("\\u%04X", (int) c)),
                Arbitraries.chars().range('\uDC00', '\uDFFF').map(c -> String.format("\\u%04X", (int) c)),
                Arbitraries.chars().range('\uDC00', '\uDFFF').map(c -> String.format("\\u%04X\\uD83D", (int) c)));
        Arbitrary<BadRequest> inText = endpoint.flatMap(e -> Arbitraries.of(e.texts()).flatMap(field ->
                Combinators.combine(Arbitraries.oneOf(escaped, loneSurrogate), Arbitraries.of("", "ok ", "\uD83D\uDE00"),
                        Arbitraries.of("", " ok", "\u200F")).as((bad, before, after) -> {
                    String valid = json(with(e.validBody(), field, "\u0001"));
                    String body = valid.replace("\\u0001", JSON.writeValueAsString(before).replace("\"", "") + bad + JSON.writeValueAsString(after).replace("\"", ""));
                    return BadRequest.of("bad character " + bad + " in " + field, e.method(), e.path(), body, field);
                })));
        Arbitrary<BadRequest> rawControl = endpoint.flatMap(e -> Arbitraries.of(e.texts()).flatMap(field -> control.map(c -> {
            String body = json(with(e.validBody(), field, "a\u0001b")).replace("\\u0001", String.valueOf(c));
            return BadRequest.of("raw control U+" + Integer.toHexString(c) + " in " + field, e.method(), e.path(), body, "body", field);
        })));
        assertAllRefused(Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, inText), net.jqwik.api.Tuple.of(1, rawControl)), 70);
    }

    @Test
    void nonFiniteAndOutOfRangeCredencesAreRefused() {
        String path = "/debates/" + debateId + "/participants/bob/views/" + claimId;
        Arbitrary<String> literal = Arbitraries.of("NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "INF", "1e400", "-1e400",
                "1e99999999999", "\"NaN\"", "\"Infinity\"", "1.0000000000000002", "-0.0000001", "-1", "2", "1e-400x", "0.5.5", "--0.5");
        Arbitrary<String> outOfRange = Arbitraries.oneOf(
                Arbitraries.doubles().between(-1e6, -0.01).map(Object::toString),
                Arbitraries.doubles().between(1.01, 1e300).map(Object::toString),
                Arbitraries.bigDecimals().between(new java.math.BigDecimal("1.000000000000001"), new java.math.BigDecimal("1e30"))
                        .ofScale(20).map(java.math.BigDecimal::toPlainString));
        Arbitrary<BadRequest> credence = Arbitraries.oneOf(literal, outOfRange)
                .map(value -> BadRequest.of("credence " + value, "PUT", path, "{\"credence\":" + value + "}", "credence", "body"));
        assertAllRefused(credence, 50);
    }

    @Test
    void unknownAndMalformedIdsAreRefused() {
        String debate = "/debates/" + debateId;
        Arbitrary<String> malformedId = Arbitraries.oneOf(
                        Arbitraries.strings().withChars("abcdefXYZ0123456789-_.~!$&'()*+,=:@ü字\uD83D\uDE00").ofMinLength(1).ofMaxLength(50),
                        Arbitraries.of("' OR 1=1 --", "<script>", "00000000-0000-0000-0000-00000000000g", UUID.randomUUID() + "0",
                                "{" + UUID.randomUUID() + "}", UUID.randomUUID().toString().replace("-", ""), "null", "undefined"))
                .map(id -> "x" + id)
                .filter(id -> !UUID_TEXT.matcher(id).matches());
        Arbitrary<String> unknownUuid = Arbitraries.randomValue(random -> new UUID(random.nextLong(), random.nextLong()).toString());
        Arbitrary<String> badParticipant = Arbitraries.oneOf(
                Arbitraries.strings().withChars("!*'()$+,;=ü字").ofMinLength(1).ofMaxLength(10).map(s -> "p" + s),
                Arbitraries.strings().alpha().ofLength(65),
                Arbitraries.of(".alice", "-bob", "_x"));
        Arbitrary<String> unknownParticipant = Arbitraries.strings().alpha().numeric().ofMinLength(3).ofMaxLength(20)
                .map(s -> "nobody" + s);
        String claimBody = "{\"statement\":\"S\",\"by\":\"alice\"}";
        List<Arbitrary<BadRequest>> cases = List.of(
                malformedId.map(id -> BadRequest.of("malformed debateId", "POST", "/debates/" + encode(id) + "/claims", claimBody, "debateId")),
                unknownUuid.map(id -> BadRequest.of("unknown debateId", "POST", "/debates/" + id + "/claims", claimBody, "debateId")),
                malformedId.map(id -> BadRequest.of("malformed reasonId", "POST", debate + "/reasons/" + encode(id) + "/acknowledgements",
                        "{\"by\":\"bob\",\"kind\":\"noted\"}", "reasonId")),
                unknownUuid.map(id -> BadRequest.of("unknown reasonId", "POST", debate + "/reasons/" + id + "/acknowledgements",
                        "{\"by\":\"bob\",\"kind\":\"noted\"}", "reasonId")),
                malformedId.map(id -> BadRequest.of("malformed claimId in path", "PUT", debate + "/participants/bob/views/" + encode(id),
                        "{\"credence\":0.5}", "claimId")),
                unknownUuid.map(id -> BadRequest.of("unknown claimId in path", "PUT", debate + "/participants/bob/views/" + id,
                        "{\"credence\":0.5}", "claimId")),
                badParticipant.map(id -> BadRequest.of("malformed participantId in path", "PUT",
                        debate + "/participants/" + encode(id) + "/views/" + claimId, "{\"credence\":0.5}", "participantId")),
                unknownParticipant.map(id -> BadRequest.of("unknown participantId in path", "PUT",
                        debate + "/participants/" + id + "/views/" + claimId, "{\"credence\":0.5}", "participantId")),
                Arbitraries.oneOf(malformedId, unknownUuid).map(id -> BadRequest.of("bad claimId in body", "POST", debate + "/reasons",
                        json(body("claimId", id, "stance", "for", "text", "T " + id, "by", "bob")), "claimId")),
                Arbitraries.oneOf(malformedId, unknownUuid).map(id -> BadRequest.of("bad inReplyTo", "POST", debate + "/reasons",
                        json(body("claimId", claimId, "stance", "for", "text", "T " + id, "by", "bob", "inReplyTo", id)), "inReplyTo")),
                Arbitraries.oneOf(malformedId, unknownUuid).map(id -> BadRequest.of("bad becauseOf", "PUT",
                        debate + "/participants/bob/views/" + claimId, json(body("credence", 0.5, "becauseOf", List.of(reasonId, id))),
                        "becauseOf", "becauseOf[1]")),
                Arbitraries.oneOf(badParticipant, unknownParticipant).map(id -> BadRequest.of("bad by", "POST", debate + "/claims",
                        json(body("statement", "S", "by", id)), "by")));
        assertAllRefused(Arbitraries.oneOf(cases), 90);
    }

    @Test
    void textsJustOverTheirLimitsAreRefused() {
        String debate = "/debates/" + debateId;
        Arbitrary<String> unit = Arbitraries.of("t", "é", "字", "\uD83D\uDE00", "\u200B", " ");
        Function<Integer, Arbitrary<String>> overBy = max -> Combinators.combine(unit, Arbitraries.integers().between(1, 3))
                .as((u, extra) -> "x" + u.repeat(max - 1 + extra));
        List<Arbitrary<BadRequest>> cases = List.of(
                overBy.apply(500).map(t -> BadRequest.of("long title", "POST", "/debates", json(body("title", t)), "title")),
                overBy.apply(10_000).map(t -> BadRequest.of("long description", "POST", "/debates", json(body("title", "T", "description", t)), "description")),
                overBy.apply(200).map(t -> BadRequest.of("long displayName", "POST", debate + "/participants",
                        json(body("participantId", "zed", "displayName", t)), "displayName")),
                overBy.apply(10_000).map(t -> BadRequest.of("long statement", "POST", debate + "/claims", json(body("statement", t, "by", "alice")), "statement")),
                overBy.apply(10_000).map(t -> BadRequest.of("long reason", "POST", debate + "/reasons",
                        json(body("claimId", claimId, "stance", "for", "text", t, "by", "bob")), "text")),
                overBy.apply(10_000).map(t -> BadRequest.of("long note", "POST", debate + "/reasons/" + reasonId + "/acknowledgements",
                        json(body("by", "bob", "kind", "noted", "note", t)), "note")),
                overBy.apply(10_000).map(t -> BadRequest.of("long rationale", "PUT", debate + "/participants/bob/views/" + claimId,
                        json(body("credence", 0.5, "rationale", t)), "rationale")),
                Arbitraries.integers().between(101, 120).map(n -> BadRequest.of("becauseOf with " + n, "PUT",
                        debate + "/participants/bob/views/" + claimId,
                        json(body("credence", 0.5, "becauseOf", IntStream.range(0, n).mapToObj(i -> reasonId).toList())), "becauseOf")),
                Arbitraries.integers().between(65, 80).map(n -> BadRequest.of("long participantId", "POST", debate + "/participants",
                        json(body("participantId", "p".repeat(n), "displayName", "P")), "participantId")));
        assertAllRefused(Arbitraries.oneOf(cases), 40);
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static <T> List<T> samples(Arbitrary<T> arbitrary, int count) {
        JqwikSession.start(SEED);
        try {
            return arbitrary.sampleStream().limit(count).collect(Collectors.toList());
        } finally {
            JqwikSession.finish();
        }
    }

    private void assertAllRefused(Arbitrary<BadRequest> arbitrary, int count) {
        List<BadRequest> requests = samples(arbitrary, count);
        long eventsBefore = eventCount();
        List<String> failures = new ArrayList<>();
        for (BadRequest request : requests) {
            String failure = refusalProblem(request);
            if (failure != null) {
                failures.add(request + "\n    -> " + failure);
            }
            long events = eventCount();
            if (events != eventsBefore) {
                failures.add(request + "\n    -> wrote " + (events - eventsBefore) + " event(s)");
                eventsBefore = events;
            }
        }
        assertThat(failures).as("bad requests not refused properly (seed " + SEED + ")").isEmpty();
    }

    /** Null when the request was refused as it must be; otherwise what was wrong with the answer. */
    private String refusalProblem(BadRequest request) {
        RawResponse response;
        try {
            response = exchange(request.method(), request.path(), request.body());
        } catch (IllegalStateException e) {
            return "no answer: " + e.getCause();
        }
        String summary = response.status() + " " + response.contentType() + " " + abbreviate(response.body());
        if (response.status() < 400 || response.status() >= 500) {
            return "status " + summary;
        }
        if (!response.contentType().startsWith("application/problem+json")) {
            return "content type " + summary;
        }
        if (response.body().contains("Exception") || response.body().contains("at dev.ledger") || response.body().contains("at java.")) {
            return "stack trace text " + summary;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            return "body is not JSON " + summary;
        }
        if (body.path("status").asInt() != response.status() || body.path("detail").asString("").isBlank()) {
            return "status/detail members " + summary;
        }
        JsonNode errors = body.path("errors");
        if (!errors.isArray() || errors.isEmpty() || errors.get(0).path("field").asString("").isBlank()
                || errors.get(0).path("reason").asString("").isBlank()) {
            return "errors does not name a field " + summary;
        }
        if (!request.fields().isEmpty()) {
            boolean named = false;
            for (JsonNode error : errors) {
                named |= request.fields().contains(error.path("field").asString(""));
            }
            if (!named) {
                return "errors names none of " + request.fields() + ": " + summary;
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 400 ? text.substring(0, 400) + "..." : text;
    }

    private RawResponse exchange(String method, String path, byte[] body) {
        // as the participant the request names (by, participantId): the actor is the caller
        String actor = AccountTokens.actorNamedBy(path, new String(body, StandardCharsets.UTF_8), DEFAULT_ACTOR);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokenOf(actor))
                .timeout(REQUEST_TIMEOUT)
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new RawResponse(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }

    // ---------------------------------------------------------------- accepted unusual text

    /**
     * Valid scalar values that are not control characters nor the invisible ones refused (zero-width and bidirectional
     * controls, see invisibleCharactersAreRefused); a few hand-picked troublemakers are added below.
     */
    private static Arbitrary<String> unusualText(int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0xA0, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x1F300, 0x1FAFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0x200E, 0x200F, 0x0301, 0x0308, 0x2028, 0x2029, 0x00A0, 0x3000, 0x09,
                        0x0A, 0x0D, 0x5C, 0x22, 0x27)));
        Arbitrary<String> random = codePoint.list().ofMinSize(1).ofMaxSize(Math.min(maxCodePoints, 60))
                .map(points -> points.stream().collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString());
        Arbitrary<String> crafted = Arbitraries.of(
                "'; DROP TABLE domain_event_entry; --", "Robert'); DELETE FROM token_entry WHERE ('1'='1", "1 OR 1=1", "$$; SELECT pg_sleep(10); $$",
                "<script>alert('x')</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)", "${jndi:ldap://127.0.0.1/a}", "{{7*7}}",
                "%s%n%x", "\\u0000 is not a NUL", "C:\\temp\\new", "\"quoted\" and \\\"escaped\\\"",
                "\u05E9\u05DC\u05D5\u05DD \u200Fmixed\u200E", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 (a joiner in a word)",
                "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66 family", "\uD83C\uDDFA\uD83C\uDDE6 flag",
                "e\u0301 vs \u00E9", "\uFFFD\uFFFE\uFFFF", "\uDBFF\uDFFF last code point", "line\nbreak\r\nand\ttab");
        return Arbitraries.oneOf(random, crafted, crafted.map(c -> "\uD83D\uDE00".repeat(maxCodePoints - c.codePointCount(0, c.length())) + c))
                .filter(text -> !text.isBlank() && text.codePointCount(0, text.length()) <= maxCodePoints);
    }

    record Accepted(String field, String text, boolean escapeNonAscii) {
    }

    @Test
    void invisibleCharactersAreRefused() {
        String debate = "/debates/" + debateId;
        Arbitrary<String> invisible = Arbitraries.of('\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u202A', '\u202B', '\u202C',
                        '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069')
                .flatMap(c -> Arbitraries.of("", "Tabs ", "Tabs", "\uD83D\uDC69").map(before -> before + c + " adapt"));
        List<Arbitrary<BadRequest>> cases = List.of(
                invisible.map(t -> BadRequest.of("invisible in title", "POST", "/debates", json(body("title", t)), "title")),
                invisible.map(t -> BadRequest.of("invisible in displayName", "POST", debate + "/participants",
                        json(body("participantId", "zed", "displayName", t)), "displayName")),
                invisible.map(t -> BadRequest.of("invisible in statement", "POST", debate + "/claims",
                        json(body("statement", t, "by", "alice")), "statement")),
                invisible.map(t -> BadRequest.of("invisible in reason", "POST", debate + "/reasons",
                        json(body("claimId", claimId, "stance", "for", "text", t, "by", "bob")), "text")),
                invisible.map(t -> BadRequest.of("invisible in rationale", "PUT", debate + "/participants/bob/views/" + claimId,
                        json(body("credence", 0.5, "rationale", t)), "rationale")));
        assertAllRefused(Arbitraries.oneOf(cases), 40);
    }

    @Test
    void acceptedTextIsStoredAsSentInNfc() {
        Arbitrary<String> field = Arbitraries.of("title", "description", "displayName", "statement", "text", "rationale");
        Arbitrary<Accepted> accepted = field.flatMap(f -> Combinators.combine(
                        unusualText("title".equals(f) ? 500 : "displayName".equals(f) ? 200 : 10_000), Arbitraries.of(true, false))
                .as((text, ascii) -> new Accepted(f, text, ascii)));
        List<String> failures = new ArrayList<>();
        int participants = 0;
        int verified = 0;
        for (Accepted sample : samples(accepted, 70)) {
            String debate = "/debates/" + debateId;
            String path;
            Map<String, Object> body;
            switch (sample.field()) {
                case "title" -> {
                    path = "/debates";
                    body = body("title", sample.text());
                }
                case "description" -> {
                    path = "/debates";
                    body = body("title", "T", "description", sample.text());
                }
                case "displayName" -> {
                    path = debate + "/participants";
                    body = body("participantId", "u" + (participants++) + "-" + UUID.randomUUID().toString().substring(0, 8), "displayName", sample.text());
                }
                case "statement" -> {
                    path = debate + "/claims";
                    body = body("statement", sample.text(), "by", "alice");
                }
                case "text" -> {
                    path = debate + "/reasons";
                    body = body("claimId", claimId, "stance", "for", "text", sample.text(), "by", "bob");
                }
                default -> {
                    path = debate + "/participants/alice/views/" + claimId;
                    body = body("credence", 0.5, "rationale", sample.text());
                }
            }
            String json = sample.escapeNonAscii() ? ASCII_JSON.writeValueAsString(body) : JSON.writeValueAsString(body);
            String method = path.contains("/views/") ? "PUT" : "POST";
            RawResponse response = exchange(method, path, json.getBytes(StandardCharsets.UTF_8));
            if (response.status() == 409 && "text".equals(sample.field())) {
                continue; // the same crafted text as an earlier reason: a duplicate, rightly refused
            }
            if (response.status() != 200 && response.status() != 201) {
                failures.add(sample + " -> " + response.status() + " " + abbreviate(response.body()));
                continue;
            }
            JsonNode answer = JSON.readTree(response.body());
            String aggregate = answer.has("debateId") ? answer.get("debateId").asString() : debateId;
            long sequence = answer.has("sequence") ? answer.get("sequence").asLong() : 1;
            String stored = storedText(aggregate, sequence, sample.field());
            String expected = Normalizer.normalize(sample.text(), Normalizer.Form.NFC);
            if (!expected.equals(stored)
                    || !java.util.Arrays.equals(expected.getBytes(StandardCharsets.UTF_8), stored.getBytes(StandardCharsets.UTF_8))) {
                failures.add(sample + " -> stored as " + stored);
            }
            verified++;
        }
        assertThat(verified).as("texts checked in the event store").isGreaterThanOrEqualTo(50);
        assertThat(failures).as("unusual but valid text not stored exactly (seed " + SEED + ")").isEmpty();
    }

    private String storedText(String aggregate, long sequence, String field) {
        byte[] payload = jdbc.queryForObject(
                "SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                byte[].class, aggregate, sequence - 1);
        String json = new String(payload, StandardCharsets.UTF_8);
        return switch (field) {
            case "title" -> CODEC.payloadFromJson(json, DebateOpened.class).title();
            case "description" -> CODEC.payloadFromJson(json, DebateOpened.class).description();
            case "displayName" -> CODEC.payloadFromJson(json, ParticipantJoined.class).displayName();
            case "statement" -> CODEC.payloadFromJson(json, ClaimStated.class).statement();
            case "text" -> CODEC.payloadFromJson(json, ReasonProposed.class).text();
            default -> CODEC.payloadFromJson(json, ViewUpdated.class).rationale();
        };
    }
}
