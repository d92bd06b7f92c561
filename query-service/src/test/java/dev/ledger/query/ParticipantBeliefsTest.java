package dev.ledger.query;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ParticipantBeliefsTest extends QueryServiceTestBase {

    @Test
    void groupsCurrentBeliefsByDebateWithTheirTitles() {
        String participant = "p-" + UUID.randomUUID().toString().substring(0, 8);
        DebateScript first = new DebateScript();
        first.open("First debate", null);
        first.join(participant, "Pat");
        first.claim("c1", "One", participant);
        first.view(participant, "c1", 0.4, null, null, List.of());
        first.view(participant, "c1", 0.75, 0.4, "better data", List.of());
        DebateScript second = new DebateScript();
        second.open("Second debate", "d");
        second.join("someone-else", "S");
        second.join(participant, "Pat Q.");
        publish(first.events());
        publish(second.events());
        awaitSequence(first.debateId, first.lastSequence());
        awaitSequence(second.debateId, second.lastSequence());

        Answer answer = get("/participants/" + participant + "/beliefs");
        System.out.println("Example participant beliefs: " + answer.body());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode debates = answer.json().get("debates");
        assertThat(debates).hasSize(2);
        JsonNode firstDebate = debates.get(0).get("debateId").asString().equals(first.debateId) ? debates.get(0) : debates.get(1);
        JsonNode secondDebate = firstDebate == debates.get(0) ? debates.get(1) : debates.get(0);
        assertThat(firstDebate.get("title").asString()).isEqualTo("First debate");
        assertThat(firstDebate.get("sequence").asLong()).isEqualTo(5);
        assertThat(firstDebate.get("beliefs")).hasSize(1);
        assertThat(firstDebate.get("beliefs").get(0).get("credence").asDouble()).isEqualTo(0.75);
        assertThat(secondDebate.get("displayName").asString()).isEqualTo("Pat Q.");
        assertThat(secondDebate.get("beliefs")).isEmpty();

        Answer nobody = get("/participants/nobody-" + UUID.randomUUID().toString().substring(0, 8) + "/beliefs");
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.json().get("errors").get(0).get("field").asString()).isEqualTo("participantId");
        assertThat(get("/participants/%20bad/beliefs").status()).isEqualTo(400);
    }
}
