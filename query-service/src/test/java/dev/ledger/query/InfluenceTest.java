package dev.ledger.query;

import dev.ledger.events.Stance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import static dev.ledger.query.DebateProjectionTest.instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class InfluenceTest extends QueryServiceTestBase {

    /**
     * Known numbers. A change citing k reasons attributes shift / k to each; first views (no from) count as
     * citations only. Sequence 15 is the "earlier point".
     */
    static DebateScript fourDayWeek() {
        DebateScript debate = new DebateScript();
        debate.open("Four-day week?", null);                                                  // 1
        debate.join("alice", "Alice");                                                        // 2
        debate.join("bob", "Bob");                                                            // 3
        debate.join("carol", "Carol");                                                        // 4
        debate.claim("c1", "We should work four days a week", "alice");                       // 5
        debate.claim("c2", "Fridays should be meeting-free", "bob");                          // 6
        debate.reason("r1", "c1", Stance.FOR, "Productivity holds", "alice", null);           // 7
        debate.reason("r2", "c1", Stance.AGAINST, "Customers expect five days", "bob", null); // 8
        debate.reason("r3", "c1", Stance.FOR, "Retention improves", "carol", null);           // 9
        debate.reason("r4", "c2", Stance.FOR, "Deep work", "alice", null);                    // 10, never cited
        debate.view("alice", "c1", 0.6, null, "trials look good", List.of("r1"));             // 11 first view
        debate.view("bob", "c1", 0.4, null, "customers", List.of("r2"));                      // 12 first view
        debate.view("bob", "c1", 0.7, 0.4, "convinced", List.of("r1", "r3"));                 // 13 +0.3: r1 +0.15, r3 +0.15
        debate.view("carol", "c1", 0.5, null, "unsure", List.of());                           // 14 first view, no reason
        debate.view("carol", "c1", 0.3, 0.5, "customers matter", List.of("r2"));              // 15 -0.2: r2 -0.2
        debate.view("alice", "c1", 0.9, 0.6, "more trials", List.of("r1"));                   // 16 +0.3: r1 +0.3
        debate.view("bob", "c1", 0.5, 0.7, "torn", List.of("r1", "r2"));                      // 17 -0.2: r1 -0.1, r2 -0.1
        debate.reason("r5", "c2", Stance.AGAINST, "Fridays are for clients", "bob", null);   // 18
        debate.view("carol", "c2", 0.2, null, "clients first", List.of("r5"));                // 19 first view
        debate.reason("r6", "c1", Stance.AGAINST, "Coverage gaps", "carol", "r3");            // 20, never cited
        return debate;
    }

    @Test
    void ranksReasonsByTheShiftTheyCarry() {
        DebateScript debate = fourDayWeek();
        publish(debate.events());
        Answer answer = awaitAnswer(ranking(debate, ""), 20);
        System.out.println("Example influence ranking: " + answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode now = answer.json();
        assertThat(now.get("debateId").asString()).isEqualTo(debate.debateId);
        assertThat(now.get("sequence").asLong()).isEqualTo(20);
        assertThat(now.get("limit").asInt()).isEqualTo(20);
        assertThat(now.get("includeUncited").asBoolean()).isFalse();
        assertThat(now.get("matching").asLong()).isEqualTo(4);
        // r1: citations 11, 13, 16, 17; |0.15| + |0.3| + |-0.1| = 0.55; towards (for) 0.15 + 0.3 - 0.1 = 0.35; bob and alice
        // r2: citations 12, 15, 17; |-0.2| + |-0.1| = 0.3; towards (against: down counts) 0.2 + 0.1 = 0.3; carol and bob
        // r3: citation 13; 0.15; 0.15; bob.  r5: one first view: cited, nothing moved.
        assertThat(lines(now.get("reasons"))).containsExactly(
                "1 r1 citations=4 total=0.5500 towards=0.3500 moved=2",
                "2 r2 citations=3 total=0.3000 towards=0.3000 moved=2",
                "3 r3 citations=1 total=0.1500 towards=0.1500 moved=1",
                "4 r5 citations=1 total=0.0000 towards=0.0000 moved=0");
        JsonNode r1 = now.get("reasons").get(0).get("reason");
        assertThat(r1.get("claimId").asString()).isEqualTo("c1");
        assertThat(r1.get("stance").asString()).isEqualTo("for");
        assertThat(r1.get("text").asString()).isEqualTo("Productivity holds");
        assertThat(r1.get("author").asString()).isEqualTo("alice");
        assertThat(r1.get("inReplyTo").isNull()).isTrue();
        assertThat(instant(r1.get("proposedAt"))).isEqualTo(DebateScript.at(7));
        assertThat(now.get("reasons").get(0).get("influence").get("totalShift").asDouble()).isEqualTo(0.55);

        // uncited reasons last: r5 (one citation) before r4 and r6 (none), which keep the order they were proposed in
        JsonNode all = get(ranking(debate, "?includeUncited=true")).json();
        assertThat(lines(all.get("reasons"))).extracting(line -> line.split(" ")[1])
                .containsExactly("r1", "r2", "r3", "r5", "r4", "r6");
        assertThat(all.get("matching").asLong()).isEqualTo(6);
        assertThat(lines(all.get("reasons")).get(4)).isEqualTo("5 r4 citations=0 total=0.0000 towards=0.0000 moved=0");

        JsonNode top2 = get(ranking(debate, "?limit=2")).json();
        assertThat(lines(top2.get("reasons"))).extracting(line -> line.split(" ")[1]).containsExactly("r1", "r2");
        assertThat(top2.get("matching").asLong()).isEqualTo(4);
        assertThat(top2.get("limit").asInt()).isEqualTo(2);

        JsonNode c2 = get(ranking(debate, "?claimId=c2&includeUncited=true")).json();
        assertThat(c2.get("claimId").asString()).isEqualTo("c2");
        assertThat(lines(c2.get("reasons"))).extracting(line -> line.split(" ")[1]).containsExactly("r5", "r4");

        // at 15: r2 carries carol's -0.2; r1 and r3 share bob's +0.3, and r1 goes first on its extra citation (alice's first view)
        JsonNode then = get(ranking(debate, "?atSequence=15")).json();
        assertThat(then.get("sequence").asLong()).isEqualTo(15);
        assertThat(lines(then.get("reasons"))).containsExactly(
                "1 r2 citations=2 total=0.2000 towards=0.2000 moved=1",
                "2 r1 citations=2 total=0.1500 towards=0.1500 moved=1",
                "3 r3 citations=1 total=0.1500 towards=0.1500 moved=1");
        assertThat(get(ranking(debate, "?asOf=" + DebateScript.at(15).plusMillis(500))).json()).isEqualTo(then);
        assertThat(get(ranking(debate, "?atSequence=20")).json()).isEqualTo(now);
        // before anyone cited anything
        assertThat(get(ranking(debate, "?atSequence=10")).json().get("reasons")).isEmpty();
    }

    @Test
    void showsEveryViewChangeCitingAReason() {
        DebateScript debate = fourDayWeek();
        publish(debate.events());
        Answer answer = awaitAnswer(reason(debate, "r1"), 20);
        System.out.println("Example reason influence: " + answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode r1 = answer.json();
        assertThat(r1.get("sequence").asLong()).isEqualTo(20);
        assertThat(r1.get("reason").get("reasonId").asString()).isEqualTo("r1");
        assertThat(r1.get("reason").get("author").asString()).isEqualTo("alice");
        assertThat(influence(r1.get("influence"))).isEqualTo("citations=4 total=0.5500 towards=0.3500 moved=2");
        assertThat(citations(r1.get("citedBy"))).containsExactly(
                "11 alice c1 null->0.6 shift=null attributed=null",
                "13 bob c1 0.4->0.7 shift=0.3000 attributed=0.1500",
                "16 alice c1 0.6->0.9 shift=0.3000 attributed=0.3000",
                "17 bob c1 0.7->0.5 shift=-0.2000 attributed=-0.1000");
        JsonNode change13 = r1.get("citedBy").get(1);
        // rounded to 12 places: the API says 0.3 and 0.15, not 0.29999999999999993 and 0.14999999999999997
        assertThat(change13.get("shift").asDouble()).isEqualTo(0.3);
        assertThat(change13.get("attributedShift").asDouble()).isEqualTo(0.15);
        assertThat(change13.get("rationale").asString()).isEqualTo("convinced");
        assertThat(instant(change13.get("changedAt"))).isEqualTo(DebateScript.at(13));

        // the attributions of a change add up to its movement: r1 and r3 each carry half of bob's +0.3 at 13
        JsonNode r3 = get(reason(debate, "r3")).json();
        assertThat(citations(r3.get("citedBy"))).containsExactly("13 bob c1 0.4->0.7 shift=0.3000 attributed=0.1500");
        assertThat(r3.get("citedBy").get(0).get("attributedShift").asDouble() + change13.get("attributedShift").asDouble())
                .isCloseTo(change13.get("shift").asDouble(), within(1e-12));

        // an against reason: moving down counts towards its stance
        JsonNode r2 = get(reason(debate, "r2")).json();
        assertThat(r2.get("reason").get("stance").asString()).isEqualTo("against");
        assertThat(influence(r2.get("influence"))).isEqualTo("citations=3 total=0.3000 towards=0.3000 moved=2");

        JsonNode r6 = get(reason(debate, "r6")).json();
        assertThat(r6.get("reason").get("inReplyTo").asString()).isEqualTo("r3");
        assertThat(influence(r6.get("influence"))).isEqualTo("citations=0 total=0.0000 towards=0.0000 moved=0");
        assertThat(r6.get("citedBy")).isEmpty();

        JsonNode r5 = get(reason(debate, "r5")).json();
        assertThat(influence(r5.get("influence"))).isEqualTo("citations=1 total=0.0000 towards=0.0000 moved=0");
        assertThat(citations(r5.get("citedBy"))).containsExactly("19 carol c2 null->0.2 shift=null attributed=null");

        // as of 15: only 11 and 13
        JsonNode then = get(reason(debate, "r1") + "?asOf=" + DebateScript.at(15)).json();
        assertThat(then.get("sequence").asLong()).isEqualTo(15);
        assertThat(influence(then.get("influence"))).isEqualTo("citations=2 total=0.1500 towards=0.1500 moved=1");
        assertThat(citations(then.get("citedBy"))).hasSize(2);
        assertThat(get(reason(debate, "r1") + "?atSequence=15").json()).isEqualTo(then);
    }

    @Test
    void listsTheReasonsThatMovedAParticipantMost() {
        DebateScript debate = fourDayWeek();
        publish(debate.events());
        Answer answer = awaitAnswer(participant(debate, "bob"), 20);
        System.out.println("Example participant influences: " + answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode bob = answer.json();
        assertThat(bob.get("participantId").asString()).isEqualTo("bob");
        assertThat(bob.get("displayName").asString()).isEqualTo("Bob");
        assertThat(bob.get("sequence").asLong()).isEqualTo(20);
        // bob: 12 first view [r2]; 13 +0.3 [r1, r3]; 17 -0.2 [r1, r2]
        // r1: |0.15| + |-0.1| = 0.25, towards 0.05; r3: 0.15; r2: |-0.1| = 0.1, towards (against) +0.1
        assertThat(participantLines(bob.get("reasons"))).containsExactly(
                "1 r1 by alice for citations=2 total=0.2500 towards=0.0500 in [13, 17]",
                "2 r3 by carol for citations=1 total=0.1500 towards=0.1500 in [13]",
                "3 r2 by bob against citations=2 total=0.1000 towards=0.1000 in [12, 17]");
        JsonNode firstCitation = bob.get("reasons").get(0).get("citedIn").get(1);
        assertThat(firstCitation.get("attributedShift").asDouble()).isEqualTo(-0.1);
        assertThat(bob.get("matching").asLong()).isEqualTo(3);

        // at 13: r1 and r3 tie on shift and citations; r1 was proposed first. r2 only cited in a first view.
        JsonNode then = get(participant(debate, "bob") + "?atSequence=13").json();
        assertThat(participantLines(then.get("reasons"))).containsExactly(
                "1 r1 by alice for citations=1 total=0.1500 towards=0.1500 in [13]",
                "2 r3 by carol for citations=1 total=0.1500 towards=0.1500 in [13]",
                "3 r2 by bob against citations=1 total=0.0000 towards=0.0000 in [12]");
        assertThat(get(participant(debate, "bob") + "?asOf=" + DebateScript.at(13)).json()).isEqualTo(then);

        JsonNode carolOnC2 = get(participant(debate, "carol") + "?claimId=c2").json();
        assertThat(participantLines(carolOnC2.get("reasons"))).containsExactly(
                "1 r5 by bob against citations=1 total=0.0000 towards=0.0000 in [19]");
        JsonNode aliceTop1 = get(participant(debate, "alice") + "?limit=1").json();
        assertThat(participantLines(aliceTop1.get("reasons"))).containsExactly(
                "1 r1 by alice for citations=2 total=0.3000 towards=0.3000 in [11, 16]");
    }

    @Test
    void historyNamesTheReasonsEachChangeCites() {
        DebateScript debate = fourDayWeek();
        publish(debate.events());
        Answer answer = awaitAnswer("/debates/" + debate.debateId + "/participants/bob/history", 20);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> cites = new ArrayList<>();
        for (JsonNode change : answer.json().get("changes")) {
            List<String> reasons = new ArrayList<>();
            for (JsonNode cited : change.get("cites")) {
                reasons.add(cited.get("reasonId").asString() + "/" + cited.get("author").asString() + "/"
                        + cited.get("stance").asString() + "/" + cited.get("claimId").asString());
            }
            cites.add(change.get("sequence").asLong() + " " + reasons);
        }
        assertThat(cites).containsExactly("12 [r2/bob/against/c1]", "13 [r1/alice/for/c1, r3/carol/for/c1]",
                "17 [r1/alice/for/c1, r2/bob/against/c1]");

        JsonNode carol = get("/debates/" + debate.debateId + "/participants/carol/history").json();
        assertThat(carol.get("changes").get(0).get("cites")).isEmpty();
    }

    @Test
    void aCitedReasonTheReadModelDoesNotKnowIsShownByIdOnly() {
        DebateScript debate = new DebateScript();
        publish(debate.open("Ghosts", null));
        publish(debate.join("alice", "Alice"));
        publish(debate.claim("c1", "Ghosts exist", "alice"));
        publish(debate.reason("r1", "c1", Stance.FOR, "I saw one", "alice", null));
        awaitSequence(debate.debateId, 4);
        // a view change citing a reason the read model lacks (the projector cannot write one): by hand, at sequence 4 so
        // that the answers "now" (the projection stands at 4) include it
        jdbc.sql("""
                        INSERT INTO view_change (debate_id, sequence, participant_id, claim_id, from_credence, to_credence,
                                                 rationale, because_of, changed_at)
                        VALUES (:debateId, 4, 'alice', 'c1', NULL, 0.9, NULL, ARRAY['r1', 'ghost'], now())""")
                .param("debateId", debate.debateId)
                .update();

        try {
            JsonNode change = get("/debates/" + debate.debateId + "/participants/alice/history").json().get("changes").get(0);
            JsonNode ghost = change.get("cites").get(1);
            assertThat(change.get("cites").get(0).get("author").asString()).isEqualTo("alice");
            assertThat(ghost.get("reasonId").asString()).isEqualTo("ghost");
            assertThat(ghost.get("author").isNull()).isTrue();
            assertThat(ghost.get("stance").isNull()).isTrue();
            // r1 is credited with the first view as a citation; the unknown id is simply not ranked
            JsonNode ranked = get(ranking(debate, "")).json();
            assertThat(lines(ranked.get("reasons"))).containsExactly("1 r1 citations=1 total=0.0000 towards=0.0000 moved=0");
            JsonNode alice = get(participant(debate, "alice")).json();
            assertThat(alice.get("reasons")).hasSize(1);
            assertThat(alice.get("reasons").get(0).get("reason").get("reasonId").asString()).isEqualTo("r1");
        } finally {
            // leave the shared read model as the projector wrote it
            jdbc.sql("DELETE FROM view_change WHERE debate_id = :debateId").param("debateId", debate.debateId).update();
        }
    }

    @Test
    void rejectsUnknownAndMalformedRequests() {
        DebateScript debate = fourDayWeek();
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());
        String unknownDebate = "/debates/" + UUID.randomUUID();

        assertProblem(get(unknownDebate + "/influence"), 404, "debateId");
        assertProblem(get(unknownDebate + "/reasons/r1/influence"), 404, "debateId");
        assertProblem(get(unknownDebate + "/participants/bob/influences"), 404, "debateId");
        assertProblem(get(reason(debate, "r9")), 404, "reasonId");
        assertProblem(get(reason(debate, "r6") + "?atSequence=15"), 404, "reasonId");
        assertProblem(get(participant(debate, "mallory")), 404, "participantId");
        assertProblem(get(participant(debate, "carol") + "?atSequence=3"), 404, "participantId");
        assertProblem(get(ranking(debate, "?claimId=c9")), 404, "claimId");
        assertProblem(get(participant(debate, "bob") + "?claimId=c9"), 404, "claimId");
        assertProblem(get(ranking(debate, "?asOf=" + DebateScript.at(1).minusSeconds(1))), 404, "asOf");

        assertProblem(get("/debates/not-a-uuid/influence"), 400, "debateId");
        assertProblem(get("/debates/" + debate.debateId + "/reasons/%20/influence"), 400, "reasonId");
        assertProblem(get("/debates/" + debate.debateId + "/participants/-bob/influences"), 400, "participantId");
        assertProblem(get(ranking(debate, "?limit=0")), 400, "limit");
        assertProblem(get(ranking(debate, "?limit=201")), 400, "limit");
        assertProblem(get(participant(debate, "bob") + "?limit=ten"), 400, "limit");
        assertProblem(get(ranking(debate, "?includeUncited=yes")), 400, "includeUncited");
        assertProblem(get(ranking(debate, "?claimId=%20")), 400, "claimId");
        assertProblem(get(ranking(debate, "?asOf=yesterday")), 400, "asOf");
        assertProblem(get(reason(debate, "r1") + "?atSequence=0"), 400, "atSequence");
        assertProblem(get(participant(debate, "bob") + "?atSequence=1&asOf=" + DebateScript.at(1)), 400, "asOf, atSequence");
        assertProblem(get(reason(debate, "r1") + "?minSequence=-1"), 400, "minSequence");
        assertProblem(get(ranking(debate, "?atSequence=99")), 503, "atSequence");
        assertThat(get(ranking(debate, "?limit=200&includeUncited=false")).status()).isEqualTo(200);
        assertThat(get("/v3/api-docs").body()).contains("/debates/{debateId}/influence",
                "/debates/{debateId}/reasons/{reasonId}/influence", "/debates/{debateId}/participants/{participantId}/influences");
    }

    private void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static List<String> lines(JsonNode reasons) {
        List<String> lines = new ArrayList<>();
        for (JsonNode ranked : reasons) {
            lines.add(ranked.get("rank").asInt() + " " + ranked.get("reason").get("reasonId").asString() + " "
                    + influence(ranked.get("influence")));
        }
        return lines;
    }

    private static String influence(JsonNode influence) {
        return String.format(Locale.ROOT, "citations=%d total=%.4f towards=%.4f moved=%d",
                influence.get("citations").asLong(), influence.get("totalShift").asDouble(),
                influence.get("shiftTowardsStance").asDouble(), influence.get("participantsMoved").asLong());
    }

    private static List<String> citations(JsonNode citedBy) {
        List<String> lines = new ArrayList<>();
        for (JsonNode c : citedBy) {
            lines.add(c.get("sequence").asLong() + " " + c.get("participantId").asString() + " " + c.get("claimId").asString()
                    + " " + number(c.get("from"), "%.1f") + "->" + number(c.get("to"), "%.1f")
                    + " shift=" + number(c.get("shift"), "%.4f") + " attributed=" + number(c.get("attributedShift"), "%.4f"));
        }
        return lines;
    }

    private static List<String> participantLines(JsonNode reasons) {
        List<String> lines = new ArrayList<>();
        for (JsonNode r : reasons) {
            List<Long> in = new ArrayList<>();
            r.get("citedIn").forEach(c -> in.add(c.get("sequence").asLong()));
            JsonNode reason = r.get("reason");
            lines.add(String.format(Locale.ROOT, "%d %s by %s %s citations=%d total=%.4f towards=%.4f in %s",
                    r.get("rank").asInt(), reason.get("reasonId").asString(), reason.get("author").asString(),
                    reason.get("stance").asString(), r.get("citations").asLong(), r.get("totalShift").asDouble(),
                    r.get("shiftTowardsStance").asDouble(), in));
        }
        return lines;
    }

    private static String number(JsonNode node, String format) {
        return node.isNull() ? "null" : String.format(Locale.ROOT, format, node.asDouble());
    }

    private static String ranking(DebateScript debate, String query) {
        return "/debates/" + debate.debateId + "/influence" + query;
    }

    private static String reason(DebateScript debate, String reasonId) {
        return "/debates/" + debate.debateId + "/reasons/" + reasonId + "/influence";
    }

    private static String participant(DebateScript debate, String participantId) {
        return "/debates/" + debate.debateId + "/participants/" + participantId + "/influences";
    }
}
