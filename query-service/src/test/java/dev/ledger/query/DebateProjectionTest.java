package dev.ledger.query;

import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.Stance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class DebateProjectionTest extends QueryServiceTestBase {

    static final String AWKWARD_TEXT = "Productivity \"rises\" <b>& falls</b>\n\ttab, 😀, Ünïcødé, back\\slash, 'quote', %s {}";

    /** A whole debate: two participants, a claim, reasons for and against with a reply, acknowledgements, views. */
    static DebateScript fourDayWeek() {
        DebateScript debate = new DebateScript();
        debate.open("Should we adopt a four-day week?", "Q3 planning — «open» question");     // 1
        debate.join("alice", "Alice Ødegaard");                                                // 2
        debate.join("bob.b-2", "Bob");                                                          // 3
        debate.claim("c1", AWKWARD_TEXT, "alice");                                              // 4
        debate.reason("r1", "c1", Stance.FOR, "Pilot teams shipped as much in 4 days", "alice", null); // 5
        debate.reason("r2", "c1", Stance.AGAINST, "Support needs cover on Fridays", "bob.b-2", null);  // 6
        debate.reason("r3", "c1", Stance.FOR, "Rotating Fridays off covers support", "alice", "r2"); // 7, a reply to r2
        debate.acknowledge("r2", "alice", AcknowledgementKind.NOTED, "fair point");            // 8
        debate.view("alice", "c1", 0.8, null, "the pilot data", List.of("r1"));                 // 9
        debate.view("bob.b-2", "c1", 0.3, null, "support worries me", List.of("r2"));           // 10
        debate.acknowledge("r1", "bob.b-2", AcknowledgementKind.NOTED, null);                   // 11
        debate.acknowledge("r1", "bob.b-2", AcknowledgementKind.CONCEDED, "ok, the data convinces me"); // 12
        debate.view("bob.b-2", "c1", 0.6, 0.3, "rotation solves support", List.of("r1", "r3")); // 13
        debate.claim("c2", "Meetings should end by 3pm", "bob.b-2");                            // 14
        debate.view("alice", "c2", 0.5, null, null, List.of());                                 // 15
        return debate;
    }

    @Test
    void answersAllThreeQueriesForAWholeDebate() {
        DebateScript debate = fourDayWeek();
        publish(debate.events());

        Answer answer = awaitAnswer("/debates/" + debate.debateId, 15);
        System.out.println("Example debate answer: " + answer.body());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("application/json");
        JsonNode view = answer.json();
        assertThat(view.get("debateId").asString()).isEqualTo(debate.debateId);
        assertThat(view.get("title").asString()).isEqualTo("Should we adopt a four-day week?");
        assertThat(view.get("description").asString()).isEqualTo("Q3 planning — «open» question");
        assertThat(instant(view.get("openedAt"))).isEqualTo(DebateScript.at(1));
        assertThat(view.get("sequence").asLong()).isEqualTo(15);

        JsonNode participants = view.get("participants");
        assertThat(texts(participants, "participantId")).containsExactly("alice", "bob.b-2");
        assertThat(participants.get(0).get("displayName").asString()).isEqualTo("Alice Ødegaard");
        assertThat(instant(participants.get(1).get("joinedAt"))).isEqualTo(DebateScript.at(3));
        assertThat(texts(participants, "role")).containsExactly("member", "member");

        JsonNode claims = view.get("claims");
        assertThat(texts(claims, "claimId")).containsExactly("c1", "c2");
        JsonNode c1 = claims.get(0);
        assertThat(c1.get("statement").asString()).isEqualTo(AWKWARD_TEXT);
        assertThat(c1.get("by").asString()).isEqualTo("alice");
        assertThat(instant(c1.get("statedAt"))).isEqualTo(DebateScript.at(4));
        assertThat(texts(c1.get("credences"), "participantId")).containsExactly("alice", "bob.b-2");
        assertThat(c1.get("credences").get(0).get("credence").asDouble()).isEqualTo(0.8);
        assertThat(c1.get("credences").get(1).get("credence").asDouble()).isEqualTo(0.6);
        assertThat(instant(c1.get("credences").get(1).get("since"))).isEqualTo(DebateScript.at(13));
        assertThat(texts(claims.get(1).get("credences"), "participantId")).containsExactly("alice");

        JsonNode reasons = view.get("reasons");
        assertThat(texts(reasons, "reasonId")).containsExactly("r1", "r2", "r3");
        JsonNode r1 = reasons.get(0);
        assertThat(r1.get("stance").asString()).isEqualTo("for");
        assertThat(r1.get("inReplyTo").isNull()).isTrue();
        assertThat(r1.get("acknowledgements")).hasSize(1);
        assertThat(r1.get("acknowledgements").get(0).get("by").asString()).isEqualTo("bob.b-2");
        assertThat(r1.get("acknowledgements").get(0).get("kind").asString()).isEqualTo("conceded");
        assertThat(r1.get("acknowledgements").get(0).get("note").asString()).isEqualTo("ok, the data convinces me");
        assertThat(instant(r1.get("acknowledgements").get(0).get("at"))).isEqualTo(DebateScript.at(12));
        JsonNode r2 = reasons.get(1);
        assertThat(r2.get("stance").asString()).isEqualTo("against");
        assertThat(r2.get("by").asString()).isEqualTo("bob.b-2");
        assertThat(r2.get("acknowledgements").get(0).get("kind").asString()).isEqualTo("noted");
        assertThat(reasons.get(2).get("inReplyTo").asString()).isEqualTo("r2");
        assertThat(reasons.get(2).get("acknowledgements")).isEmpty();
        assertThat(instant(reasons.get(2).get("proposedAt"))).isEqualTo(DebateScript.at(7));

        Answer beliefsAnswer = awaitAnswer("/debates/" + debate.debateId + "/participants/bob.b-2/beliefs", 15);
        System.out.println("Example beliefs answer: " + beliefsAnswer.body());
        assertThat(beliefsAnswer.status()).isEqualTo(200);
        JsonNode beliefs = beliefsAnswer.json();
        assertThat(beliefs.get("debateId").asString()).isEqualTo(debate.debateId);
        assertThat(beliefs.get("participantId").asString()).isEqualTo("bob.b-2");
        assertThat(beliefs.get("displayName").asString()).isEqualTo("Bob");
        assertThat(beliefs.get("sequence").asLong()).isEqualTo(15);
        assertThat(beliefs.get("beliefs")).hasSize(1);
        JsonNode belief = beliefs.get("beliefs").get(0);
        assertThat(belief.get("claimId").asString()).isEqualTo("c1");
        assertThat(belief.get("statement").asString()).isEqualTo(AWKWARD_TEXT);
        assertThat(belief.get("credence").asDouble()).isEqualTo(0.6);
        assertThat(instant(belief.get("since"))).isEqualTo(DebateScript.at(13));
        assertThat(belief.get("sequence").asLong()).isEqualTo(13);
        assertThat(belief.get("rationale").asString()).isEqualTo("rotation solves support");
        assertThat(strings(belief.get("becauseOf"))).containsExactly("r1", "r3");

        JsonNode aliceBeliefs = awaitAnswer("/debates/" + debate.debateId + "/participants/alice/beliefs", 15).json();
        assertThat(texts(aliceBeliefs.get("beliefs"), "claimId")).containsExactly("c1", "c2");
        assertThat(aliceBeliefs.get("beliefs").get(1).get("rationale").isNull()).isTrue();
        assertThat(aliceBeliefs.get("beliefs").get(1).get("becauseOf")).isEmpty();

        Answer historyAnswer = awaitAnswer("/debates/" + debate.debateId + "/participants/bob.b-2/history", 15);
        System.out.println("Example history answer: " + historyAnswer.body());
        assertThat(historyAnswer.status()).isEqualTo(200);
        JsonNode history = historyAnswer.json();
        assertThat(history.get("debateId").asString()).isEqualTo(debate.debateId);
        assertThat(history.get("participantId").asString()).isEqualTo("bob.b-2");
        JsonNode changes = history.get("changes");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("sequence").asLong()).isEqualTo(10);
        assertThat(changes.get(0).get("claimId").asString()).isEqualTo("c1");
        assertThat(changes.get(0).get("from").isNull()).isTrue();
        assertThat(changes.get(0).get("to").asDouble()).isEqualTo(0.3);
        assertThat(instant(changes.get(0).get("at"))).isEqualTo(DebateScript.at(10));
        assertThat(changes.get(0).get("rationale").asString()).isEqualTo("support worries me");
        assertThat(strings(changes.get(0).get("becauseOf"))).containsExactly("r2");
        assertThat(changes.get(1).get("sequence").asLong()).isEqualTo(13);
        assertThat(changes.get(1).get("from").asDouble()).isEqualTo(0.3);
        assertThat(changes.get(1).get("to").asDouble()).isEqualTo(0.6);
        assertThat(strings(changes.get(1).get("becauseOf"))).containsExactly("r1", "r3");

        JsonNode aliceHistory = get("/debates/" + debate.debateId + "/participants/alice/history").json();
        assertThat(aliceHistory.get("changes").findValues("sequence").stream().map(JsonNode::asLong))
                .containsExactly(9L, 15L);
    }

    @Test
    void acceptsTheDebateIdInUpperCase() {
        DebateScript debate = new DebateScript();
        publish(debate.open("Case", null));
        awaitSequence(debate.debateId, 1);

        Answer answer = get("/debates/" + debate.debateId.toUpperCase(Locale.ROOT));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("debateId").asString()).isEqualTo(debate.debateId);
        assertThat(answer.json().get("description").isNull()).isTrue();
        assertThat(answer.json().get("participants")).isEmpty();
    }

    @Test
    void publishesMetricsAndTheApiDescription() {
        DebateScript debate = new DebateScript();
        publish(debate.open("Metrics", "counted"));
        awaitSequence(debate.debateId, 1);

        Answer prometheus = get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("ledger_projection_events_applied_total{type=\"DebateOpened\"")
                .contains("ledger_projection_apply_seconds_count")
                .contains("ledger_projection_debates_waiting");

        Answer apiDocs = get("/v3/api-docs");
        assertThat(apiDocs.status()).isEqualTo(200);
        assertThat(apiDocs.body()).contains("/debates/{debateId}/participants/{participantId}/history");

        assertThat(get("/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        assertThat(get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
    }

    static Instant instant(JsonNode node) {
        return Instant.parse(node.asString());
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.get(field).asString()));
        return values;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(element -> values.add(element.asString()));
        return values;
    }
}
