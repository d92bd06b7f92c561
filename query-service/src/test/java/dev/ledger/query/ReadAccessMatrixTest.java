package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import dev.ledger.events.Role;
import dev.ledger.events.Stance;
import dev.ledger.events.Visibility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may read what on the query side: every actor against every GET under /debates/{debateId} (time travel and
 * ?minSequence= included), on a private and a public debate. A refusal is exactly the answer for a debate that does
 * not exist. Events go to the topic and, as the command-service would have them, to the event store's stand-in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadAccessMatrixTest extends QueryServiceTestBase {

    /** The expected status of every query endpoint, by actor and the debate's visibility. */
    private static final String EXPECTED = """
            actor        private  public
            owner        200      200
            member       200      200
            observer     200      200
            invited      200      200
            non-member   404      200
            anonymous    404      200
            admin        200      200
            service      200      200
            """;

    /** Every GET under /debates/{debateId}; {d} debate, {p} a participant (the member), {c} claim, {r} reason. */
    private static final List<String> ENDPOINTS = List.of(
            "/debates/{d}",
            "/debates/{d}?minSequence={last}",
            "/debates/{d}?after=1&limit=2",
            "/debates/{d}/participants/{p}/beliefs",
            "/debates/{d}/participants/{p}/beliefs?minSequence={last}",
            "/debates/{d}/participants/{p}/beliefs?asOf={asOf}",
            "/debates/{d}/participants/{p}/beliefs?atSequence={last}",
            "/debates/{d}/participants/{p}/history",
            "/debates/{d}/participants/{p}/history?minSequence={last}",
            "/debates/{d}/timeline",
            "/debates/{d}/timeline?minSequence={last}",
            "/debates/{d}/claims/{c}",
            "/debates/{d}/claims/{c}?minSequence={last}",
            "/debates/{d}/claims/{c}?asOf={asOf}",
            "/debates/{d}/claims/{c}?atSequence={last}",
            "/debates/{d}/influence",
            "/debates/{d}/influence?minSequence={last}",
            "/debates/{d}/influence?asOf={asOf}",
            "/debates/{d}/influence?atSequence={last}",
            "/debates/{d}/reasons/{r}/influence",
            "/debates/{d}/reasons/{r}/influence?minSequence={last}",
            "/debates/{d}/reasons/{r}/influence?asOf={asOf}",
            "/debates/{d}/reasons/{r}/influence?atSequence={last}",
            "/debates/{d}/participants/{p}/influences",
            "/debates/{d}/participants/{p}/influences?minSequence={last}",
            "/debates/{d}/participants/{p}/influences?asOf={asOf}",
            "/debates/{d}/participants/{p}/influences?atSequence={last}",
            "/debates/{d}/scores",
            "/debates/{d}/scores?asOf={asOf}",
            "/debates/{d}/claims/{c}/scores",
            "/debates/{d}/claims/{c}/scores?atSequence={last}",
            "/debates/{d}/claims/{c}/reason-credit",
            "/debates/{d}/claims/{c}/reason-credit?minSequence={last}",
            "/debates/{d}/claims/{c}/engagement",
            "/debates/{d}/claims/{c}/engagement?asOf={asOf}",
            "/debates/{d}/participants/{p}/engagement?claimId={c}",
            "/debates/{d}/participants/{p}/engagement?claimId={c}&atSequence={last}");

    /** Handles unique to this class: the read model is shared with the other tests. */
    private final String suffix = Long.toString(System.nanoTime(), 36);
    private final String owner = "owner-" + suffix;
    private final String member = "member-" + suffix;
    private final String observer = "observer-" + suffix;
    private final String invited = "invited-" + suffix;
    private final String stranger = "stranger-" + suffix;
    private final String admin = "admin-" + suffix;

    /** actor -> the headers it sends. */
    private final Map<String, String[]> actors = new LinkedHashMap<>();
    private final Map<Visibility, DebateScript> debates = new LinkedHashMap<>();

    @BeforeAll
    void openAPrivateAndAPublicDebate() {
        actors.put("owner", bearer(token(owner, false)));
        actors.put("member", bearer(token(member, false)));
        actors.put("observer", bearer(token(observer, false)));
        actors.put("invited", bearer(token(invited, false)));
        actors.put("non-member", bearer(token(stranger, false)));
        actors.put("anonymous", new String[0]);
        actors.put("admin", bearer(token(admin, true)));
        actors.put("service", bearer(EventStoreStub.TOKEN));
        for (Visibility visibility : Visibility.values()) {
            DebateScript debate = new DebateScript();
            List<EventEnvelope> events = List.of(
                    debate.open("A " + visibility + " room", null, owner, visibility),
                    debate.join(owner, "Owner", Role.OWNER),
                    debate.invite(member, Role.MEMBER, owner),
                    debate.join(member, "Member", Role.MEMBER),
                    debate.invite(observer, Role.OBSERVER, owner),
                    debate.join(observer, "Observer", Role.OBSERVER),
                    debate.invite(invited, Role.MEMBER, owner),
                    debate.claim("c1", "Doors should stay open", owner),
                    debate.reason("r1", "c1", Stance.FOR, "Fresh air", member, null),
                    debate.view(member, "c1", 0.7, null, "the air", List.of("r1")),
                    debate.resolve("c1", true, null, owner));
            store(events);
            publish(events);
            awaitSequence(debate.debateId, debate.lastSequence());
            debates.put(visibility, debate);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyActorOnEveryQueryEndpoint() {
        Map<String, Map<Visibility, Integer>> expected = expectedStatuses();
        assertThat(expected.keySet()).isEqualTo(actors.keySet());
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<Visibility, DebateScript> debate : debates.entrySet()) {
            for (String endpoint : ENDPOINTS) {
                for (Map.Entry<String, String[]> actor : actors.entrySet()) {
                    int status = expected.get(actor.getKey()).get(debate.getKey());
                    tests.add(DynamicTest.dynamicTest(actor.getKey() + " " + debate.getKey() + " " + endpoint,
                            () -> assertReads(endpoint, debate.getValue(), actor.getValue(), status)));
                }
            }
        }
        return tests.stream();
    }

    private void assertReads(String endpoint, DebateScript debate, String[] headers, int status) {
        Answer answer = get(path(endpoint, debate.debateId, debate.lastSequence()), headers);
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        if (status == 404) {
            String unknown = UUID.randomUUID().toString();
            Answer nonexistent = get(path(endpoint, unknown, debate.lastSequence()), headers);
            assertThat(nonexistent.status()).isEqualTo(404);
            assertThat(answer.contentType()).isEqualTo(nonexistent.contentType());
            assertThat(answer.body().replace(debate.debateId, "{debateId}"))
                    .isEqualTo(nonexistent.body().replace(unknown, "{debateId}"));
        }
    }

    @Test
    void aRefusedMinSequenceIsAnsweredAtOnceWhileAReaderWaits() {
        DebateScript secret = debates.get(Visibility.PRIVATE);
        String beyond = "/debates/" + secret.debateId + "?minSequence=" + (secret.lastSequence() + 5);
        for (String refused : List.of("non-member", "anonymous")) {
            long started = System.nanoTime();
            Answer answer = get(beyond, actors.get(refused));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(took).as(refused).isLessThan(Duration.ofSeconds(1)); // the read-your-writes wait of these tests
        }
        Answer waited = get(beyond, actors.get("member"));
        assertThat(waited.status()).as("a reader waits, then the projection is behind: 503").isEqualTo(503);
    }

    /** Invited by an event the projection has not applied yet: the event store knows it, so the invitee waits for it. */
    @Test
    void anInvitationNotProjectedYetIsWaitedForByTheInviteeOnly() {
        String late = "late-" + suffix;
        String lateToken = token(late, false);
        DebateScript debate = new DebateScript();
        List<EventEnvelope> opened = List.of(debate.open("Closed", null, owner, Visibility.PRIVATE),
                debate.join(owner, "Owner", Role.OWNER));
        store(opened);
        publish(opened);
        awaitSequence(debate.debateId, 2);
        EventEnvelope invitation = debate.invite(late, Role.OBSERVER, owner);
        store(List.of(invitation));
        String asked = "/debates/" + debate.debateId + "?minSequence=3";

        long started = System.nanoTime();
        assertThat(get(asked, actors.get("non-member")).status()).isEqualTo(404);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(get(asked, bearer(lateToken)).status()).as("waited, not refused").isEqualTo(503);

        publish(invitation);
        await().atMost(Duration.ofSeconds(30)).until(() -> get(asked, bearer(lateToken)).status() == 200);
        assertThat(get("/debates/" + debate.debateId, bearer(lateToken)).status()).isEqualTo(200);
        assertThat(get("/debates/" + debate.debateId, actors.get("non-member")).status()).isEqualTo(404);
    }

    /** Not projected at all yet: its opener waits for it; anyone else is answered like for a debate nobody knows. */
    @Test
    void aPrivateDebateNotProjectedYetIsWaitedForByItsOwnerOnly() {
        DebateScript debate = new DebateScript();
        List<EventEnvelope> opened = List.of(debate.open("Just opened", null, owner, Visibility.PRIVATE),
                debate.join(owner, "Owner", Role.OWNER));
        store(opened);
        String asked = "/debates/" + debate.debateId + "?minSequence=2";

        for (String refused : List.of("non-member", "anonymous")) {
            long started = System.nanoTime();
            Answer answer = get(asked, actors.get(refused));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
            assertThat(answer.status()).isEqualTo(404);
            String unknown = UUID.randomUUID().toString();
            assertThat(answer.body().replace(debate.debateId, "{debateId}")).isEqualTo(
                    get("/debates/" + unknown + "?minSequence=2", actors.get(refused)).body().replace(unknown, "{debateId}"));
        }
        assertThat(get(asked, actors.get("owner")).status()).as("waited, not refused").isEqualTo(503);

        publish(opened);
        await().atMost(Duration.ofSeconds(30)).until(() -> get(asked, actors.get("owner")).status() == 200);
    }

    @Test
    void beliefsAcrossDebatesListOnlyDebatesTheCallerMayRead() {
        DebateScript secret = debates.get(Visibility.PRIVATE);
        DebateScript open = debates.get(Visibility.PUBLIC);
        String path = "/participants/" + member + "/beliefs";

        for (String reader : List.of("owner", "member", "observer", "invited", "admin", "service")) {
            assertThat(debateIds(get(path, actors.get(reader)))).as(reader).containsExactlyInAnyOrder(secret.debateId, open.debateId);
        }
        for (String reader : List.of("non-member", "anonymous")) {
            assertThat(debateIds(get(path, actors.get(reader)))).as(reader).containsExactly(open.debateId);
            // paged in the SQL: the first page of one holds the one debate this reader may see, and is the last
            JsonNode page = get(path + "?limit=1", actors.get(reader)).json();
            assertThat(page.get("debates").get(0).get("debateId").asString()).isEqualTo(open.debateId);
            assertThat(page.get("nextAfter").isNull()).isTrue();
        }
        Answer onlyPrivate = get("/participants/" + invited + "/beliefs", actors.get("anonymous"));
        assertThat(onlyPrivate.status()).as("never joined any debate: 404 whoever asks").isEqualTo(404);
        DebateScript closed = new DebateScript();
        String insider = "insider-" + suffix;
        publish(List.of(closed.open("Closed", null, insider, Visibility.PRIVATE), closed.join(insider, "Insider", Role.OWNER)));
        awaitSequence(closed.debateId, 2);
        assertThat(get("/participants/" + insider + "/beliefs", actors.get("non-member")).status())
                .as("joined only debates this reader may not see").isEqualTo(404);
        assertThat(get("/participants/" + insider + "/beliefs", actors.get("admin")).status()).isEqualTo(200);
    }

    @Test
    void theOverviewShowsVisibilityAndOwner() {
        JsonNode secret = get("/debates/" + debates.get(Visibility.PRIVATE).debateId, actors.get("owner")).json();
        assertThat(secret.get("visibility").asString()).isEqualTo("private");
        assertThat(secret.get("openedBy").asString()).isEqualTo(owner);
        JsonNode open = get("/debates/" + debates.get(Visibility.PUBLIC).debateId, actors.get("anonymous")).json();
        assertThat(open.get("visibility").asString()).isEqualTo("public");
        assertThat(open.get("openedBy").asString()).isEqualTo(owner);
    }

    private static List<String> debateIds(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("debates").forEach(debate -> ids.add(debate.get("debateId").asString()));
        return ids;
    }

    private static Map<String, Map<Visibility, Integer>> expectedStatuses() {
        Map<String, Map<Visibility, Integer>> expected = new LinkedHashMap<>();
        List<String> rows = EXPECTED.lines().skip(1).toList();
        for (String row : rows) {
            String[] cells = row.trim().split("\\s+");
            expected.put(cells[0], Map.of(Visibility.PRIVATE, Integer.parseInt(cells[1]),
                    Visibility.PUBLIC, Integer.parseInt(cells[2])));
        }
        return expected;
    }

    private String path(String endpoint, String debateId, long last) {
        return endpoint.replace("{d}", debateId)
                .replace("{p}", member)
                .replace("{c}", "c1")
                .replace("{r}", "r1")
                .replace("{last}", Long.toString(last))
                .replace("{asOf}", DebateScript.at(last).toString());
    }

    private static void store(List<EventEnvelope> events) {
        events.forEach(EventStoreStub.get()::add);
    }

    private static String[] bearer(String token) {
        return new String[]{"Authorization", "Bearer " + token};
    }
}
