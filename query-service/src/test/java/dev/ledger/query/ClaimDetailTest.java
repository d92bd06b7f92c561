package dev.ledger.query;

import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.Stance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.ledger.query.DebateProjectionTest.instant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ClaimDetailTest extends QueryServiceTestBase {

    /** Three participants argue about c1; 13 is the "earlier point" the historical assertions look at. */
    static DebateScript remoteWork() {
        DebateScript debate = new DebateScript();
        debate.open("Remote by default?", null);                                                    // 1
        debate.join("alice", "Alice");                                                              // 2
        debate.join("bob", "Bob");                                                                  // 3
        debate.join("carol", "Carol");                                                              // 4
        debate.claim("c1", "Remote work should be the default", "alice");                           // 5
        debate.reason("r1", "c1", Stance.FOR, "Nobody commutes", "alice", null);                    // 6
        debate.reason("r2", "c1", Stance.AGAINST, "Onboarding suffers", "bob", null);               // 7
        debate.reason("r3", "c1", Stance.FOR, "Buddy programme fixes onboarding", "alice", "r2");   // 8
        debate.reason("r4", "c1", Stance.AGAINST, "Buddies are remote too", "bob", "r3");           // 9, a reply to a reply
        debate.acknowledge("r2", "alice", AcknowledgementKind.NOTED, "fair point");                 // 10
        debate.view("alice", "c1", 0.8, null, "commuting is waste", List.of("r1"));                 // 11
        debate.view("bob", "c1", 0.2, null, "onboarding", List.of("r2"));                           // 12
        debate.view("carol", "c1", 0.5, null, "undecided", List.of());                              // 13
        debate.acknowledge("r1", "bob", AcknowledgementKind.NOTED, null);                           // 14
        debate.reason("r5", "c1", Stance.FOR, "Hiring pool grows", "carol", null);                  // 15
        debate.acknowledge("r1", "bob", AcknowledgementKind.CONCEDED, "the commute data convinces me"); // 16
        debate.view("bob", "c1", 0.6, 0.2, "commute beats onboarding", List.of("r1", "r3"));        // 17
        debate.view("carol", "c1", 0.3, 0.5, "onboarding matters more", List.of("r4"));             // 18
        debate.claim("c2", "Offices should close on Fridays", "bob");                               // 19
        debate.view("alice", "c2", 0.1, null, null, List.of());                                     // 20
        debate.reason("r6", "c2", Stance.FOR, "Saves energy", "bob", null);                         // 21
        debate.acknowledge("r6", "alice", AcknowledgementKind.CONCEDED, null);                      // 22
        return debate;
    }

    @Test
    void answersTheClaimNowAndAtEarlierPoints() {
        DebateScript debate = remoteWork();
        publish(debate.events());
        Answer answer = awaitAnswer(claim(debate, "c1"), 22);
        System.out.println("Example claim answer: " + answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode now = answer.json();
        assertThat(now.get("debateId").asString()).isEqualTo(debate.debateId);
        assertThat(now.get("claimId").asString()).isEqualTo("c1");
        assertThat(now.get("statement").asString()).isEqualTo("Remote work should be the default");
        assertThat(now.get("by").asString()).isEqualTo("alice");
        assertThat(instant(now.get("statedAt"))).isEqualTo(DebateScript.at(5));
        assertThat(now.get("sequence").asLong()).isEqualTo(22);

        assertThat(tree(now.get("reasons"))).containsExactly("r1", "r2", "  r3", "    r4", "r5");
        JsonNode r1 = now.get("reasons").get(0);
        assertThat(r1.get("stance").asString()).isEqualTo("for");
        assertThat(r1.get("text").asString()).isEqualTo("Nobody commutes");
        assertThat(r1.get("by").asString()).isEqualTo("alice");
        assertThat(instant(r1.get("proposedAt"))).isEqualTo(DebateScript.at(6));
        assertThat(acknowledgements(r1)).containsExactly("bob conceded \"the commute data convinces me\" at 16");
        JsonNode r2 = now.get("reasons").get(1);
        assertThat(r2.get("stance").asString()).isEqualTo("against");
        assertThat(acknowledgements(r2)).containsExactly("alice noted \"fair point\" at 10");
        JsonNode r4 = r2.get("replies").get(0).get("replies").get(0);
        assertThat(r4.get("inReplyTo").asString()).isEqualTo("r3");
        assertThat(r4.get("replies")).isEmpty();
        assertThat(r4.get("acknowledgements")).isEmpty();

        // alice 0.8, bob 0.6, carol 0.3 (alice's view on c2 does not count)
        JsonNode credences = now.get("credences");
        assertThat(credences.get("count").asInt()).isEqualTo(3);
        assertThat(credences.get("mean").asDouble()).isCloseTo(1.7 / 3, within(1e-9));
        assertThat(credences.get("median").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(credences.get("spread").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(credences.get("stddev").asDouble()).isCloseTo(Math.sqrt(0.38 / 9), within(1e-9));
        assertThat(credences.get("agreeing").asInt()).isEqualTo(2);

        assertThat(trajectories(now)).containsExactly("alice: 11@0.8", "bob: 12@0.2 17@0.6", "carol: 13@0.5 18@0.3");
        assertThat(instant(now.get("trajectories").get(1).get("points").get(1).get("at"))).isEqualTo(DebateScript.at(17));

        // the live answer is the answer at its own sequence
        assertThat(get(claim(debate, "c1") + "?atSequence=22").json()).isEqualTo(now);

        // at 13: no r5 yet, bob had not acknowledged r1, credences 0.8 / 0.2 / 0.5
        JsonNode then = get(claim(debate, "c1") + "?atSequence=13").json();
        assertThat(then.get("sequence").asLong()).isEqualTo(13);
        assertThat(tree(then.get("reasons"))).containsExactly("r1", "r2", "  r3", "    r4");
        assertThat(then.get("reasons").get(0).get("acknowledgements")).isEmpty();
        assertThat(acknowledgements(then.get("reasons").get(1))).containsExactly("alice noted \"fair point\" at 10");
        JsonNode thenCredences = then.get("credences");
        assertThat(thenCredences.get("count").asInt()).isEqualTo(3);
        assertThat(thenCredences.get("mean").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(thenCredences.get("median").asDouble()).isCloseTo(0.5, within(1e-9));
        assertThat(thenCredences.get("spread").asDouble()).isCloseTo(0.6, within(1e-9));
        assertThat(thenCredences.get("stddev").asDouble()).isCloseTo(Math.sqrt(0.06), within(1e-9));
        assertThat(thenCredences.get("agreeing").asInt()).isEqualTo(2);
        assertThat(trajectories(then)).containsExactly("alice: 11@0.8", "bob: 12@0.2", "carol: 13@0.5");
        // asOf resolves to the last event at or before the instant
        assertThat(get(claim(debate, "c1") + "?asOf=" + DebateScript.at(13).plusMillis(500)).json()).isEqualTo(then);

        // at 14 bob had only noted r1: the acknowledgement shows the kind it had then
        JsonNode at14 = get(claim(debate, "c1") + "?atSequence=14").json();
        assertThat(acknowledgements(at14.get("reasons").get(0))).containsExactly("bob noted null at 14");

        // right after the claim was stated: nothing argued, nobody holds a view
        JsonNode stated = get(claim(debate, "c1") + "?atSequence=5").json();
        assertThat(stated.get("reasons")).isEmpty();
        assertThat(stated.get("trajectories")).isEmpty();
        JsonNode empty = stated.get("credences");
        assertThat(empty.get("count").asInt()).isZero();
        assertThat(empty.get("agreeing").asInt()).isZero();
        for (String statistic : List.of("mean", "median", "spread", "stddev")) {
            assertThat(empty.get(statistic).isNull()).as(statistic).isTrue();
        }

        JsonNode c2 = get(claim(debate, "c2")).json();
        assertThat(tree(c2.get("reasons"))).containsExactly("r6");
        assertThat(trajectories(c2)).containsExactly("alice: 20@0.1");
        assertThat(c2.get("credences").get("agreeing").asInt()).isZero();
    }

    @Test
    void rejectsUnknownAndMalformedRequests() {
        DebateScript debate = remoteWork();
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());
        String path = claim(debate, "c1");

        assertProblem(get("/debates/" + UUID.randomUUID() + "/claims/c1"), 404, "debateId");
        assertProblem(get(claim(debate, "c9")), 404, "claimId");
        assertProblem(get(path + "?atSequence=4"), 404, "claimId");
        assertProblem(get(path + "?asOf=" + DebateScript.at(1).minusSeconds(1)), 404, "asOf");
        assertProblem(get("/debates/not-a-uuid/claims/c1"), 400, "debateId");
        assertProblem(get("/debates/" + debate.debateId + "/claims/%20"), 400, "claimId");
        assertProblem(get(path + "?asOf=yesterday"), 400, "asOf");
        assertProblem(get(path + "?atSequence=0"), 400, "atSequence");
        assertProblem(get(path + "?atSequence=x"), 400, "atSequence");
        assertProblem(get(path + "?minSequence=-1"), 400, "minSequence");
        assertProblem(get(path + "?atSequence=2&asOf=" + DebateScript.at(2)), 400, "asOf, atSequence");
        assertProblem(get(path + "?atSequence=99"), 503, "atSequence");
    }

    private void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    /** The reasons tree as lines, indented two spaces per level of reply. */
    private static List<String> tree(JsonNode reasons) {
        List<String> lines = new ArrayList<>();
        addTree(reasons, "", lines);
        return lines;
    }

    private static void addTree(JsonNode reasons, String indent, List<String> lines) {
        for (JsonNode reason : reasons) {
            lines.add(indent + reason.get("reasonId").asString());
            addTree(reason.get("replies"), indent + "  ", lines);
        }
    }

    private static List<String> acknowledgements(JsonNode reason) {
        List<String> lines = new ArrayList<>();
        for (JsonNode ack : reason.get("acknowledgements")) {
            String note = ack.get("note").isNull() ? "null" : "\"" + ack.get("note").asString() + "\"";
            long second = instant(ack.get("at")).getEpochSecond() - DebateScript.START.getEpochSecond();
            lines.add(ack.get("by").asString() + " " + ack.get("kind").asString() + " " + note + " at " + second);
        }
        return lines;
    }

    private static List<String> trajectories(JsonNode claim) {
        List<String> lines = new ArrayList<>();
        for (JsonNode trajectory : claim.get("trajectories")) {
            StringBuilder line = new StringBuilder(trajectory.get("participantId").asString()).append(":");
            for (JsonNode point : trajectory.get("points")) {
                line.append(" ").append(point.get("sequence").asLong()).append("@").append(point.get("credence").asDouble());
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static String claim(DebateScript debate, String claimId) {
        return "/debates/" + debate.debateId + "/claims/" + claimId;
    }
}
