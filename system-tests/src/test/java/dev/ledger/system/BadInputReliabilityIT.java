package dev.ledger.system;

import dev.ledger.system.CommandLoad.Debate;
import dev.ledger.system.JsonHttp.Answer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input, property-based (jqwik arbitraries sampled with a fixed seed; override with
 * {@code -Dledger.bad-input.seed=...}), against the RUNNING services: every bad request is answered 4xx
 * problem+json, without a stack trace, within the timeout, and writes nothing; unusual but valid text is
 * accepted and comes back byte for byte (in Unicode NFC, as the ledger stores texts) through the query API.
 */
@Order(8)
@ExtendWith(ReliabilitySuite.class)
class BadInputReliabilityIT {

    private static final String SEED = System.getProperty("ledger.bad-input.seed", "20261127");
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(10);
    private static final List<String> HOSTILE = List.of("' OR 1=1 --", "1; DROP TABLE domain_event_entry", "\" OR \"\"=\"",
            "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "${jndi:ldap://x}", "../../etc/passwd", "%00", "\u0000",
            "null", "undefined", "NaN", "-Infinity", "[]", "{}", "😀", "字", "\u202Eevil", "١٢٣", "1e3", "0x10", "1.5", "-1", "0",
            "99999999999999999999999999", "-9223372036854775809", " 1", "1 ", "", " ", "true");

    record BadRequest(String label, String method, String path, byte[] body) {
        static BadRequest of(String label, String method, String path, String body) {
            return new BadRequest(label, method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            return label + ": " + method + " " + (path.length() > 200 ? path.substring(0, 200) + "..." : path) + " "
                    + (text.length() > 200 ? text.substring(0, 200) + "...(" + text.length() + " chars)" : text);
        }
    }

    @Test
    void badInputIsRefusedWith4xxProblemsAndWritesNothingWhileValidTextRoundTrips() throws Exception {
        ScenarioTally tally = ReliabilitySuite.scenario("8 bad input (jqwik, seed " + SEED + ")");
        RunningLedger ledger = ReliabilitySuite.ledger();
        CommandLoad load = new CommandLoad(ledger.commands());
        Debate debate = load.openDebate("bad input", 2);
        Answer reason = ledger.commands().post("/debates/" + debate.id() + "/reasons",
                Map.of("claimId", debate.claimId(), "stance", "for", "text", "A plain reason", "by", "p00"));
        assertThat(reason.status()).isEqualTo(201);
        String reasonId = reason.body().path("reasonId").asString();
        load.accepted.add(new Accepted(debate.id(), reason.body().path("sequence").asLong(), "ReasonProposed", reasonId));
        ProjectionCheck.awaitProjected(ledger.queries(), ProjectionCheck.storedLastSequences(ledger, List.of(debate.id())), Duration.ofSeconds(60));

        List<BadRequest> queryCases = samples(queryRequests(debate), 160);
        List<BadRequest> commandCases = samples(commandRequests(debate, reasonId), 220);
        long storedBefore = ProjectionCheck.storedEventCount(ledger);
        long projectedBefore = ProjectionCheck.projectedSequence(ledger.queries(), debate.id());
        List<String> failures = new ArrayList<>();
        for (BadRequest request : queryCases) {
            tally.fault();
            String failure = refusalProblem(ledger.queries(), request);
            if (failure != null) {
                failures.add("query API " + request + "\n    -> " + failure);
            }
        }
        for (BadRequest request : commandCases) {
            tally.fault();
            String failure = refusalProblem(ledger.commands(), request);
            if (failure != null) {
                failures.add("command API " + request + "\n    -> " + failure);
            }
            long stored = ProjectionCheck.storedEventCount(ledger);
            if (stored != storedBefore) {
                failures.add("command API " + request + "\n    -> wrote " + (stored - storedBefore) + " event(s)");
                storedBefore = stored;
            }
        }
        assertThat(ProjectionCheck.storedEventCount(ledger)).as("events stored by bad requests").isEqualTo(storedBefore);
        assertThat(ProjectionCheck.projectedSequence(ledger.queries(), debate.id())).as("the debate on the query side").isEqualTo(projectedBefore);

        // Unusual but valid text is stored and returned as sent, in Unicode NFC (the ledger stores texts normalised).
        List<String> texts = samples(validTexts(), 40);
        Map<String, String> sentByReason = new LinkedHashMap<>();
        for (String text : texts) {
            Answer accepted = ledger.commands().post("/debates/" + debate.id() + "/reasons",
                    Map.of("claimId", debate.claimId(), "stance", "against", "text", text, "by", "p01"));
            if (accepted.status() == 409) {
                continue; // the same text (ignoring case and white space) was already proposed: a duplicate, rightly refused
            }
            if (accepted.status() != 201) {
                failures.add("valid text refused: " + abbreviate(text) + " -> " + accepted);
                continue;
            }
            sentByReason.put(accepted.body().path("reasonId").asString(), text);
            load.accepted.add(new Accepted(debate.id(), accepted.body().path("sequence").asLong(), "ReasonProposed",
                    accepted.body().path("reasonId").asString()));
        }
        tally.commandsAccepted.set(load.accepted.size());
        ProjectionCheck.Result result = ProjectionCheck.check(ledger, List.of(debate.id()), load.accepted, Duration.ofSeconds(60));
        tally.add(result);
        assertThat(result.problems()).as("stored events vs. what the query API shows").isEmpty();
        Answer overview = ledger.queries().get("/debates/" + debate.id());
        Map<String, String> shown = new LinkedHashMap<>();
        overview.body().path("reasons").forEach(r -> shown.put(r.path("reasonId").asString(), r.path("text").asString()));
        sentByReason.forEach((id, text) -> {
            String back = shown.get(id);
            String expected = Normalizer.normalize(text, Normalizer.Form.NFC);
            if (back == null || !java.util.Arrays.equals(back.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
                failures.add("text of reason " + id + " sent " + abbreviate(text) + " came back " + (back == null ? "missing" : abbreviate(back)));
            }
        });
        assertThat(failures).as("bad input not refused properly, or valid text altered (seed " + SEED + ")").isEmpty();
        tally.note(queryCases.size() + " bad queries, " + commandCases.size() + " bad commands, " + sentByReason.size() + " unusual texts");
    }

    // ------------------------------------------------------------------ query API

    private static Arbitrary<BadRequest> queryRequests(Debate debate) {
        String d = debate.id();
        Arbitrary<String> badId = Arbitraries.oneOf(
                Arbitraries.of(HOSTILE).filter(s -> !s.isEmpty() && !s.contains("/") && !s.equals("..")),
                Arbitraries.strings().withChars("abcdefXYZ0123456789-_.~!$&'()*+,=:@ü字\uD83D\uDE00\u202E").ofMinLength(1).ofMaxLength(60),
                Arbitraries.strings().alpha().ofLength(3000),
                Arbitraries.of(UUID.randomUUID() + "0", UUID.randomUUID().toString().replace("-", ""), "{" + UUID.randomUUID() + "}"))
                .map(id -> "x" + id);
        Arbitrary<String> badParticipant = Arbitraries.oneOf(
                Arbitraries.of(HOSTILE).filter(s -> !s.isEmpty() && !s.contains("/") && !s.equals("..")).map(s -> "-" + s),
                Arbitraries.strings().alpha().ofLength(65),
                Arbitraries.of(".alice", "-bob", "_x", "p p", "ü"));
        Arbitrary<String> badNumber = Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().ofMaxLength(30),
                Arbitraries.longs().lessOrEqual(0).map(String::valueOf),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("9223372036854775808"), new java.math.BigInteger("1" + "0".repeat(40)))
                        .map(Object::toString),
                Arbitraries.doubles().map(String::valueOf))
                .filter(BadInputReliabilityIT::notAPositiveWholeNumber);
        Arbitrary<String> badAfter = badNumber.filter(value -> !value.strip().equals("0") && !isWholeNumber(value));
        Arbitrary<String> badInstant = Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.strings().ofMaxLength(40),
                Arbitraries.of("2025-13-01T00:00:00Z", "2025-02-30T00:00:00Z", "2025-03-01 09:00:00", "2025-03-01", "yesterday",
                        "+1000000000-01-01T00:00:00Z", "2025-03-01T25:00:00Z", "1700000000", "2025-03-01T09:00:00+25:00"))
                .filter(BadInputReliabilityIT::notAnInstant);
        Arbitrary<String> badLimit = Arbitraries.oneOf(badNumber, Arbitraries.integers().between(501, Integer.MAX_VALUE).map(String::valueOf));
        List<String> withParticipant = List.of("/debates/" + d + "/participants/p00/beliefs", "/debates/" + d + "/participants/p00/history");
        List<Arbitrary<BadRequest>> cases = List.of(
                Combinators.combine(badId, Arbitraries.of("", "/participants/p00/beliefs", "/participants/p00/history", "/timeline",
                        "/claims/" + debate.claimId())).as((id, rest) -> get("malformed debateId", "/debates/" + encode(id) + rest)),
                badParticipant.map(p -> get("malformed participantId", "/debates/" + d + "/participants/" + encode(p) + "/beliefs")),
                badParticipant.map(p -> get("malformed participantId", "/participants/" + encode(p) + "/beliefs")),
                Combinators.combine(Arbitraries.of("", "/timeline", "/participants/p00/beliefs", "/participants/p00/history",
                        "/claims/" + debate.claimId()), badNumber).as((rest, v) -> get("minSequence " + v, "/debates/" + d + rest + "?minSequence=" + encode(v))),
                Combinators.combine(Arbitraries.of("/debates/" + d + "/participants/p00/beliefs", "/debates/" + d + "/claims/" + debate.claimId()), badNumber)
                        .as((path, v) -> get("atSequence " + v, path + "?atSequence=" + encode(v))),
                Combinators.combine(Arbitraries.of("/debates/" + d + "/participants/p00/beliefs", "/debates/" + d + "/claims/" + debate.claimId()), badInstant)
                        .as((path, v) -> get("asOf " + v, path + "?asOf=" + encode(v))),
                Arbitraries.of(withParticipant.get(0)).map(path -> get("asOf and atSequence", path + "?asOf=" + encode(Instant.now().toString()) + "&atSequence=1")),
                badLimit.map(v -> get("limit " + v, "/debates/" + d + "/timeline?limit=" + encode(v))),
                badAfter.map(v -> get("after (cursor) " + v, "/debates/" + d + "/timeline?after=" + encode(v))),
                Arbitraries.of(HOSTILE).filter(s -> !s.isBlank()).map(v -> get("timeline type " + v, "/debates/" + d + "/timeline?type=" + encode(v))),
                badParticipant.map(p -> get("timeline participant " + p, "/debates/" + d + "/timeline?participant=" + encode(p))));
        return Arbitraries.oneOf(cases);
    }

    private static BadRequest get(String label, String path) {
        return BadRequest.of(label, "GET", path, null);
    }

    private static boolean isWholeNumber(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** A valid sequence would be waited for (then 503 by contract), so only values that cannot be one are bad input. */
    private static boolean notAPositiveWholeNumber(String value) {
        try {
            return Long.parseLong(value) < 1;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static boolean notAnInstant(String value) {
        try {
            Instant.parse(value);
            return false;
        } catch (RuntimeException e) {
            return true;
        }
    }

    // ------------------------------------------------------------------ command API

    private static Arbitrary<BadRequest> commandRequests(Debate debate, String reasonId) {
        String d = "/debates/" + debate.id();
        String view = d + "/participants/p01/views/" + debate.claimId();
        record Endpoint(String method, String path, Map<String, Object> body, String text) {
        }
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", "/debates", body("title", "T", "description", "D"), "title"),
                new Endpoint("POST", d + "/participants", body("participantId", "zed", "displayName", "Zed"), "displayName"),
                new Endpoint("POST", d + "/claims", body("statement", "S", "by", "p00"), "statement"),
                new Endpoint("POST", d + "/reasons", body("claimId", debate.claimId(), "stance", "against", "text", "R", "by", "p01"), "text"),
                new Endpoint("POST", d + "/reasons/" + reasonId + "/acknowledgements", body("by", "p01", "kind", "noted", "note", "N"), "note"),
                new Endpoint("PUT", view, body("credence", 0.25, "rationale", "because"), "rationale"));
        Arbitrary<Endpoint> endpoint = Arbitraries.of(endpoints);
        Arbitrary<BadRequest> truncated = endpoint.flatMap(e -> {
            String valid = json(e.body());
            return Arbitraries.integers().between(0, valid.length() - 1)
                    .map(cut -> BadRequest.of("truncated at " + cut, e.method(), e.path(), valid.substring(0, cut)));
        });
        Arbitrary<BadRequest> malformed = Combinators.combine(endpoint, Arbitraries.of("{", "[", "\"x\"", "42", "null", "{'a':1}", "{a:1}",
                "{\"title\":\"x\",}", "{\"title\":\"x\"}{}", "<xml/>", "title=x", "\uFEFF{}", "{\"a\":\"\\q\"}"))
                .as((e, text) -> BadRequest.of("malformed JSON", e.method(), e.path(), text));
        Arbitrary<Object> notAString = Arbitraries.of(42, -1.5, true, List.of(), List.of("x"), Map.of(), Map.of("a", 1));
        Arbitrary<Object> notANumber = Arbitraries.of("0.5", "", true, List.of(), List.of(0.5), Map.of(), Map.of("value", 0.5));
        Arbitrary<BadRequest> wrongType = endpoint.flatMap(e -> Arbitraries.of(e.body().keySet()).flatMap(field ->
                (field.equals("credence") ? notANumber : notAString).map(value ->
                        BadRequest.of("wrong type for " + field, e.method(), e.path(), json(with(e.body(), field, value))))));
        Arbitrary<BadRequest> extra = Combinators.combine(endpoint, Arbitraries.of("admin", "sequence", "debateId", "__proto__", "x" + "y".repeat(50)))
                .as((e, name) -> BadRequest.of("extra field " + name, e.method(), e.path(), json(with(e.body(), name, "v"))));
        Arbitrary<BadRequest> huge = Combinators.combine(endpoint, Arbitraries.integers().between(1_048_577, 1_300_000))
                .as((e, size) -> BadRequest.of("body of " + size + " bytes", e.method(), e.path(),
                        json(with(e.body(), e.text(), "x".repeat(size)))));
        Arbitrary<BadRequest> nested = Combinators.combine(endpoint, Arbitraries.integers().between(600, 10_000), Arbitraries.of("array", "object"))
                .as((e, depth, shape) -> BadRequest.of("nesting " + shape + " " + depth, e.method(), e.path(),
                        shape.equals("array") ? "{\"" + e.text() + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}"
                                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth)));
        Arbitrary<BadRequest> control = Combinators.combine(endpoint, Arbitraries.chars().range('\u0000', '\u001F')
                        .filter(c -> c != '\t' && c != '\n' && c != '\r'))
                .as((e, c) -> BadRequest.of("control U+" + Integer.toHexString(c), e.method(), e.path(),
                        json(with(e.body(), e.text(), "a" + c + "b"))));
        Arbitrary<BadRequest> credence = Arbitraries.oneOf(
                        Arbitraries.of("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "\"NaN\"", "1.0000000000000002", "-0.0000001", "2"),
                        Arbitraries.doubles().between(1.000001, 1e300).ofScale(6).map(String::valueOf),
                        Arbitraries.doubles().between(-1e300, -0.000001).ofScale(6).map(String::valueOf))
                .map(value -> BadRequest.of("credence " + value, "PUT", view, "{\"credence\":" + value + "}"));
        Arbitrary<BadRequest> longText = endpoint.flatMap(e -> Arbitraries.of("t", "é", "字", "\uD83D\uDE00")
                .map(unit -> BadRequest.of("long " + e.text(), e.method(), e.path(), json(with(e.body(), e.text(), "x" + unit.repeat(10_000))))));
        Arbitrary<String> hostileId = Arbitraries.of(HOSTILE).filter(s -> !s.isEmpty() && !s.contains("/") && !s.equals(".."));
        Arbitrary<BadRequest> hostileIds = Arbitraries.oneOf(
                hostileId.map(id -> BadRequest.of("debateId " + id, "POST", "/debates/x" + encode(id) + "/claims", json(body("statement", "S", "by", "p00")))),
                hostileId.map(id -> BadRequest.of("claimId in body " + id, "POST", d + "/reasons",
                        json(body("claimId", id, "stance", "for", "text", "T", "by", "p01")))),
                hostileId.map(id -> BadRequest.of("by " + id, "POST", d + "/claims", json(body("statement", "S", "by", "-" + id)))),
                hostileId.map(id -> BadRequest.of("participantId in path " + id, "PUT",
                        d + "/participants/-" + encode(id) + "/views/" + debate.claimId(), "{\"credence\":0.5}")),
                hostileId.map(id -> BadRequest.of("reasonId in path " + id, "POST", d + "/reasons/x" + encode(id) + "/acknowledgements",
                        json(body("by", "p01", "kind", "noted")))),
                hostileId.map(id -> BadRequest.of("stance " + id, "POST", d + "/reasons",
                        json(body("claimId", debate.claimId(), "stance", id, "text", "T", "by", "p01")))));
        return Arbitraries.frequencyOf(Tuple.of(3, truncated), Tuple.of(2, malformed), Tuple.of(4, wrongType), Tuple.of(2, extra),
                Tuple.of(1, huge), Tuple.of(1, nested), Tuple.of(2, control), Tuple.of(2, credence), Tuple.of(1, longText), Tuple.of(3, hostileIds));
    }

    private static Arbitrary<String> validTexts() {
        Arbitrary<String> pieces = Arbitraries.of("' OR 1=1 --", "'; DROP TABLE domain_event_entry; --", "<script>alert('x')</script>",
                "{\"json\": [1, 2]}", "back\\slash", "\"quoted\"", "tab\there", "line\nbreak", "crlf\r\n", "😀👩‍👩‍👧", "字漢",
                "مرحبا", "שלום", "e\u0301", "zero\u200Dwidth joiner", "ß", "Ω≈ç√", "%s %n %d", "${jndi:ldap://x}", "NaN", "null", "   padded   ");
        return Combinators.combine(pieces.list().ofMinSize(1).ofMaxSize(4), Arbitraries.integers().between(0, 100_000))
                .as((parts, n) -> "Text " + n + ": " + String.join(" ", parts))
                .injectDuplicates(0.0);
    }

    // ------------------------------------------------------------------ checks

    /** Null when the request was refused as it must be; otherwise what was wrong with the answer. */
    private static String refusalProblem(JsonHttp service, BadRequest request) {
        Answer answer;
        try {
            answer = request.method().equals("GET") ? service.get(request.path(), ANSWER_WITHIN)
                    : service.exchange(request.method(), request.path(), request.body(), ANSWER_WITHIN);
        } catch (IllegalStateException e) {
            return "no answer within " + ANSWER_WITHIN + ": " + e.getMessage();
        }
        String summary = abbreviate(answer.toString());
        if (answer.status() < 400 || answer.status() >= 500) {
            return "status " + summary;
        }
        if (!answer.isProblem()) {
            return "content type " + summary;
        }
        if (answer.text().contains("Exception") || answer.text().contains("\tat ") || answer.text().contains("at java.")) {
            return "stack trace text " + summary;
        }
        if (answer.body().path("status").asInt() != answer.status() || answer.body().path("detail").asString("").isBlank()) {
            return "status/detail members " + summary;
        }
        return null;
    }

    private static <T> List<T> samples(Arbitrary<T> arbitrary, int count) {
        JqwikSession.start(SEED);
        try {
            return arbitrary.sampleStream().limit(count).collect(Collectors.toList());
        } finally {
            JqwikSession.finish();
        }
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
        return JsonHttp.JSON.writeValueAsString(value);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
    }
}
