package dev.ledger.query;

import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.Role;
import dev.ledger.events.Stance;
import dev.ledger.events.Visibility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static java.lang.Math.log;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Scores, reason credit and engagement through the real pipeline (Kafka, projection, HTTP). Events are one second
 * apart (DebateScript): the claim is stated at second 5 and first resolved at second 15, so the open period is 10 s.
 */
class ScoringTest extends QueryServiceTestBase {

    private static final double EPSILON = 1e-9;

    static DebateScript resolvedDebate(Visibility visibility) {
        DebateScript debate = new DebateScript();
        debate.open("Will the launch slip?", null, "alice", visibility);                 // 1
        debate.join("alice", "Alice", Role.OWNER);                                        // 2
        debate.join("bob", "Bob");                                                        // 3
        debate.join("carol", "Carol");                                                    // 4
        debate.claim("c1", "The launch ships on time", "alice");                          // 5  T0
        debate.reason("r1", "c1", Stance.FOR, "The tests are green", "alice", null);      // 6
        debate.reason("r2", "c1", Stance.AGAINST, "The vendor is late", "bob", null);     // 7
        debate.view("alice", "c1", 0.8, null, "green", List.of("r1"));                    // 8
        debate.view("bob", "c1", 0.3, null, "vendor", List.of("r2"));                     // 9
        debate.acknowledge("r1", "carol", AcknowledgementKind.NOTED, null);               // 10
        debate.view("alice", "c1", 0.6, 0.8, "vendor worries me", List.of("r2"));         // 11
        debate.reason("r3", "c1", Stance.AGAINST, "Green is not done", "carol", "r1");    // 12
        debate.view("carol", "c1", 0.4, null, "not done", List.of("r3"));                 // 13
        debate.view("bob", "c1", 0.7, 0.3, "tests convinced me", List.of("r1"));          // 14
        debate.resolve("c1", true, "Shipped on the day", "alice");                        // 15 T1 (true)
        debate.annul("c1", "It shipped without the vendor part", "alice");                // 16
        debate.view("bob", "c1", 0.9, 0.7, "still", List.of("r1"));                       // 17
        debate.resolve("c1", false, "Shipped incomplete: not on time", "alice");          // 18 T1 (false)
        return debate;
    }

    private static double log2(double x) {
        return log(x) / log(2);
    }

    @Test
    void scoresAClaimAsItStoodAtEachResolution() {
        DebateScript debate = resolvedDebate(Visibility.PUBLIC);
        publish(debate.events());
        Answer first = awaitAnswer(scores(debate, "?atSequence=15"), 18);
        System.out.println("Example claim scores: " + first.body());
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        JsonNode at15 = first.json();
        assertThat(at15.get("outcome").asBoolean()).isTrue();
        assertThat(at15.get("sequence").asLong()).isEqualTo(15);
        assertThat(DebateProjectionTest.instant(at15.get("statedAt"))).isEqualTo(DebateScript.at(5));
        assertThat(DebateProjectionTest.instant(at15.get("resolvedAt"))).isEqualTo(DebateScript.at(15));
        JsonNode alice = participant(at15, "alice");
        JsonNode bob = participant(at15, "bob");
        JsonNode carol = participant(at15, "carol");
        assertThat(ids(at15.get("participants"))).containsExactly("alice", "bob", "carol");
        // alice: 0.8 from 8 to 11 (3 s), 0.6 from 11 to 15 (4 s): Brier (3 x 0.04 + 4 x 0.16) / 7 = 0.108571
        assertThat(alice.get("heldFor").asDouble()).isEqualTo(7.0);
        assertThat(alice.get("brier").asDouble()).isCloseTo((3 * 0.04 + 4 * 0.16) / 7, within(EPSILON));
        assertThat(alice.get("log").asDouble()).isCloseTo((3 * log(0.8) + 4 * log(0.6)) / 7, within(EPSILON));
        // baseline over the 10 s open period, 3 s before her first view at 0
        assertThat(alice.get("baseline").asDouble())
                .isCloseTo((3 * 0 + 3 * 100 * (log2(0.8) + 1) + 4 * 100 * (log2(0.6) + 1)) / 10, within(EPSILON));
        // peer: 5-8 nobody, 8-9 alone (0), 9-11 vs bob 0.3, 11-13 vs bob 0.3, 13-14 vs bob 0.3 and carol 0.4,
        // 14-15 vs bob 0.7 and carol 0.4 (geometric means)
        assertThat(alice.get("peer").asDouble()).isCloseTo((2 * 100 * log(0.8 / 0.3) + 2 * 100 * log(0.6 / 0.3)
                + 100 * log(0.6 / Math.sqrt(0.3 * 0.4)) + 100 * log(0.6 / Math.sqrt(0.7 * 0.4))) / 10, within(EPSILON));
        // bob: 0.3 from 9 to 14 (5 s), 0.7 from 14 to 15 (1 s): (5 x 0.49 + 1 x 0.09) / 6
        assertThat(bob.get("heldFor").asDouble()).isEqualTo(6.0);
        assertThat(bob.get("brier").asDouble()).isCloseTo((5 * 0.49 + 0.09) / 6, within(EPSILON));
        // carol: 0.4 for the last 2 s
        assertThat(carol.get("heldFor").asDouble()).isEqualTo(2.0);
        assertThat(carol.get("brier").asDouble()).isCloseTo(0.36, within(EPSILON));
        assertThat(carol.get("baseline").asDouble()).isCloseTo(2 * 100 * (log2(0.4) + 1) / 10, within(EPSILON));

        // annulled at 16: not resolved, neither by sequence nor by time
        for (String point : List.of("?atSequence=16", "?atSequence=17", "?asOf=" + DebateScript.at(16).plusMillis(500),
                "?atSequence=14", "?asOf=" + DebateScript.at(14))) {
            Answer open = get(scores(debate, point));
            assertThat(open.status()).as(point).isEqualTo(409);
            assertThat(open.contentType()).startsWith("application/problem+json");
            assertThat(open.json().get("type").asString()).isEqualTo("urn:ledger:problem:claim-not-resolved");
            assertThat(open.json().get("errors").get(0).get("field").asString()).isEqualTo("claimId");
        }

        // re-resolved false at 18 (open period 13 s): alice 0.8 for 3 s, 0.6 for 7 s: p_o 0.2 then 0.4
        JsonNode now = get(scores(debate, "")).json();
        assertThat(now.get("outcome").asBoolean()).isFalse();
        assertThat(now.get("sequence").asLong()).isEqualTo(18);
        JsonNode aliceNow = participant(now, "alice");
        assertThat(aliceNow.get("heldFor").asDouble()).isEqualTo(10.0);
        assertThat(aliceNow.get("brier").asDouble()).isCloseTo((3 * 0.64 + 7 * 0.36) / 10, within(EPSILON));
        assertThat(aliceNow.get("log").asDouble()).isCloseTo((3 * log(0.2) + 7 * log(0.4)) / 10, within(EPSILON));
        // bob's view at 17, made while the resolution was annulled, counts: 0.3 for 5 s, 0.7 for 3 s, 0.9 for 1 s
        JsonNode bobNow = participant(now, "bob");
        assertThat(bobNow.get("brier").asDouble()).isCloseTo((5 * 0.09 + 3 * 0.49 + 1 * 0.81) / 9, within(EPSILON));
        assertThat(get(scores(debate, "?asOf=" + DebateScript.at(18))).json()).isEqualTo(now);

        // paged
        JsonNode page = get(scores(debate, "?limit=2")).json();
        assertThat(ids(page.get("participants"))).containsExactly("alice", "bob");
        assertThat(page.get("nextAfter").asLong()).isEqualTo(2);
        assertThat(ids(get(scores(debate, "?limit=2&after=2")).json().get("participants"))).containsExactly("carol");

        // the debate's averages (one resolved claim: the claim's scores) and the participant's across debates
        JsonNode debateScores = get("/debates/" + debate.debateId + "/scores?atSequence=15").json();
        assertThat(debateScores.get("resolvedClaims").asInt()).isEqualTo(1);
        JsonNode aliceSummary = participant(debateScores, "alice");
        assertThat(aliceSummary.get("claims").asInt()).isEqualTo(1);
        assertThat(aliceSummary.get("brier").asDouble()).isEqualTo(alice.get("brier").asDouble());
        assertThat(aliceSummary.get("peer").asDouble()).isEqualTo(alice.get("peer").asDouble());
        assertThat(get("/debates/" + debate.debateId + "/scores?atSequence=16").json().get("resolvedClaims").asInt()).isZero();
        assertThat(get("/debates/" + debate.debateId + "/scores?atSequence=16").json().get("participants")).isEmpty();
    }

    @Test
    void creditsReasonsWithTheLogScorePointsOfTheChangesThatCitedThem() {
        DebateScript debate = resolvedDebate(Visibility.PUBLIC);
        publish(debate.events());
        Answer answer = awaitAnswer(credit(debate, "?atSequence=15"), 18);
        System.out.println("Example reason credit: " + answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode at15 = answer.json();
        // open 10 s, true. alice 0.5 -> 0.8 at 8 (stood 7 s), r1; bob 0.5 -> 0.3 at 9 (6 s), r2;
        // alice 0.8 -> 0.6 at 11 (4 s), r2; carol 0.5 -> 0.4 at 13 (2 s), r3; bob 0.3 -> 0.7 at 14 (1 s), r1
        double r1 = (log(0.8) - log(0.5)) * 7 / 10 + (log(0.7) - log(0.3)) * 1 / 10;   // 0.413732
        double r2 = (log(0.3) - log(0.5)) * 6 / 10 + (log(0.6) - log(0.8)) * 4 / 10;   // -0.421568
        double r3 = (log(0.4) - log(0.5)) * 2 / 10;                                     // -0.044629
        List<String> ranked = new ArrayList<>();
        at15.get("reasons").forEach(reason -> ranked.add(reason.get("rank").asInt() + " " + reason.get("reasonId").asString()));
        assertThat(ranked).containsExactly("1 r1", "2 r3", "3 r2");
        JsonNode first = at15.get("reasons").get(0);
        assertThat(first.get("credit").asDouble()).isCloseTo(r1, within(EPSILON)).isCloseTo(0.413732, within(1e-6));
        assertThat(first.get("text").asString()).isEqualTo("The tests are green");
        assertThat(first.get("stance").asString()).isEqualTo("for");
        assertThat(first.get("movedParticipants").toString()).isEqualTo("[\"alice\",\"bob\"]");
        assertThat(at15.get("reasons").get(1).get("credit").asDouble()).isCloseTo(r3, within(EPSILON));
        assertThat(at15.get("reasons").get(2).get("credit").asDouble()).isCloseTo(r2, within(EPSILON))
                .isCloseTo(-0.421568, within(1e-6));
        assertThat(at15.get("uncited").asDouble()).isEqualTo(0.0);
        // the credit adds up to everyone's baseline x ln 2 / 100
        double baselines = 0;
        for (JsonNode score : get(scores(debate, "?atSequence=15")).json().get("participants")) {
            baselines += score.get("baseline").asDouble() * log(2) / 100;
        }
        assertThat(r1 + r2 + r3).isCloseTo(baselines, within(EPSILON));

        // the influence answers show the same credit beside the shift once the claim is resolved, null otherwise
        JsonNode ranking = get("/debates/" + debate.debateId + "/influence?atSequence=15").json();
        JsonNode r1Influence = ranking.get("reasons").get(0);
        assertThat(r1Influence.get("reason").get("reasonId").asString()).isEqualTo("r1");
        assertThat(r1Influence.get("influence").get("credit").asDouble()).isCloseTo(r1, within(EPSILON));
        assertThat(get("/debates/" + debate.debateId + "/influence?atSequence=16").json()
                .get("reasons").get(0).get("influence").get("credit").isNull()).isTrue();
        JsonNode citedBy = get("/debates/" + debate.debateId + "/reasons/r1/influence?atSequence=15").json().get("citedBy");
        assertThat(citedBy.get(0).get("credit").asDouble()).isCloseTo((log(0.8) - log(0.5)) * 7 / 10, within(EPSILON));
        assertThat(citedBy.get(1).get("credit").asDouble()).isCloseTo((log(0.7) - log(0.3)) * 1 / 10, within(EPSILON));
        JsonNode bobs = get("/debates/" + debate.debateId + "/participants/bob/influences?atSequence=15").json();
        assertThat(bobs.get("reasons").get(0).get("reason").get("reasonId").asString()).isEqualTo("r1");
        assertThat(bobs.get("reasons").get(0).get("credit").asDouble()).isCloseTo((log(0.7) - log(0.3)) / 10, within(EPSILON));

        assertThat(get(credit(debate, "?atSequence=16")).status()).isEqualTo(409);
        // after the re-resolution (false) the same changes earn the opposite sign's story: r2 leads
        JsonNode now = get(credit(debate, "")).json();
        assertThat(now.get("outcome").asBoolean()).isFalse();
        assertThat(now.get("reasons").get(0).get("reasonId").asString()).isEqualTo("r2");
    }

    @Test
    void engagementCoverageAtSeveralMoments() {
        DebateScript debate = resolvedDebate(Visibility.PUBLIC);
        publish(debate.events());
        Answer answer = awaitAnswer(engagement(debate, "carol", "&atSequence=13"), 18);
        System.out.println("Example engagement: " + answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        // carol at 0.4 (13): for reasons oppose her: r1, which she noted (10) and replied to (12)
        JsonNode carol = answer.json();
        assertThat(carol.get("credence").asDouble()).isEqualTo(0.4);
        assertThat(carol.get("opposing").toString()).contains("\"reasonId\":\"r1\"")
                .contains("\"engagement\":[\"acknowledged\",\"replied\"]");
        assertThat(carol.get("engaged").asInt()).isEqualTo(1);
        assertThat(carol.get("coverage").asDouble()).isEqualTo(1.0);
        // alice at 0.8 (8): r2 against, not engaged
        JsonNode alice8 = get(engagement(debate, "alice", "&atSequence=8")).json();
        assertThat(alice8.get("opposing").get(0).get("engagement").toString()).isEqualTo("[\"none\"]");
        assertThat(alice8.get("coverage").asDouble()).isEqualTo(0.0);
        // alice at 0.6 (11): she cited r2: 1 of 1; at 12 r3 (against) is proposed: 1 of 2
        assertThat(get(engagement(debate, "alice", "&atSequence=11")).json().get("coverage").asDouble()).isEqualTo(1.0);
        JsonNode alice12 = get(engagement(debate, "alice", "&asOf=" + DebateScript.at(12))).json();
        assertThat(alice12.get("engaged").asInt()).isEqualTo(1);
        assertThat(alice12.get("coverage").asDouble()).isEqualTo(0.5);
        // carol before any view: nothing opposes
        JsonNode carol10 = get(engagement(debate, "carol", "&atSequence=10")).json();
        assertThat(carol10.get("credence").isNull()).isTrue();
        assertThat(carol10.get("coverage").isNull()).isTrue();

        // everyone on the claim at 13: alice 0.6 (r2 cited, r3 not), bob 0.3 (r1 not engaged), carol 0.4 (r1)
        JsonNode claim = get("/debates/" + debate.debateId + "/claims/c1/engagement?atSequence=13").json();
        List<String> lines = new ArrayList<>();
        claim.get("participants").forEach(p -> lines.add(p.get("participantId").asString() + " " + p.get("credence").asDouble()
                + " " + p.get("engaged").asInt() + "/" + p.get("opposing").asInt() + " " + p.get("coverage").asDouble()));
        assertThat(lines).containsExactly("alice 0.6 1/2 0.5", "bob 0.3 0/1 0.0", "carol 0.4 1/1 1.0");

        // each history entry says the coverage right after its change: bob at 9 (0.3: r1 opposes, not engaged),
        // 14 (0.7: r2 and r3 oppose, r2 cited at 9), 17 (0.9: the same)
        JsonNode history = get("/debates/" + debate.debateId + "/participants/bob/history").json();
        List<String> entries = new ArrayList<>();
        history.get("changes").forEach(change -> entries.add(change.get("sequence").asLong() + " "
                + change.get("engagement").get("engaged").asInt() + "/" + change.get("engagement").get("opposing").asInt()
                + " " + change.get("engagement").get("coverage")));
        assertThat(entries).containsExactly("9 0/1 0.0", "14 1/2 0.5", "17 1/2 0.5");

        Answer missing = get("/debates/" + debate.debateId + "/participants/bob/engagement");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("claimId");
    }

    @Test
    void aPrivateDebatesScoresAreHiddenFromOutsiders() {
        DebateScript debate = resolvedDebate(Visibility.PRIVATE);
        publish(debate.events());
        assertThat(awaitAnswer(scores(debate, ""), 18).status()).isEqualTo(200);
        String stranger = "stranger-" + System.nanoTime();
        String[] outsider = {"Authorization", "Bearer " + token(stranger, false)};
        for (String path : List.of(scores(debate, ""), credit(debate, ""), "/debates/" + debate.debateId + "/scores",
                engagement(debate, "alice", ""), "/debates/" + debate.debateId + "/claims/c1/engagement")) {
            Answer refused = get(path, outsider);
            assertThat(refused.status()).as(path).isEqualTo(404);
            assertThat(refused.body()).contains("debateId");
        }
        // the participant's scores across debates leave out the debates the caller may not read
        String alice = "alice";
        JsonNode mine = get("/participants/" + alice + "/scores?limit=500", "Authorization", "Bearer " + EventStoreStub.TOKEN).json();
        assertThat(mine.toString()).contains(debate.debateId);
        Answer theirs = get("/participants/" + alice + "/scores?limit=500", outsider);
        assertThat(theirs.body()).doesNotContain(debate.debateId);
    }

    private static JsonNode participant(JsonNode answer, String participantId) {
        for (JsonNode participant : answer.get("participants")) {
            if (participant.get("participantId").asString().equals(participantId)) {
                return participant;
            }
        }
        throw new AssertionError(participantId + " not in " + answer);
    }

    private static List<String> ids(JsonNode participants) {
        List<String> ids = new ArrayList<>();
        participants.forEach(p -> ids.add(p.get("participantId").asString()));
        return ids;
    }

    private static String scores(DebateScript debate, String query) {
        return "/debates/" + debate.debateId + "/claims/c1/scores" + query;
    }

    private static String credit(DebateScript debate, String query) {
        return "/debates/" + debate.debateId + "/claims/c1/reason-credit" + query;
    }

    private static String engagement(DebateScript debate, String participantId, String query) {
        return "/debates/" + debate.debateId + "/participants/" + participantId + "/engagement?claimId=c1" + query;
    }
}
