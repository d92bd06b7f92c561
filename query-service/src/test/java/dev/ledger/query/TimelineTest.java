package dev.ledger.query;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineTest extends QueryServiceTestBase {

    @Test
    void pagingWithASmallLimitYieldsEveryEventOnceInOrder() {
        DebateScript debate = DebateProjectionTest.fourDayWeek();
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());

        List<Long> sequences = new ArrayList<>();
        List<JsonNode> entries = new ArrayList<>();
        String after = "0";
        int pages = 0;
        while (after != null) {
            Answer page = get(timeline(debate) + "?limit=4&after=" + after);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode json = page.json();
            assertThat(json.get("entries").size()).isLessThanOrEqualTo(4);
            json.get("entries").forEach(entry -> {
                sequences.add(entry.get("sequence").asLong());
                entries.add(entry);
            });
            after = json.get("nextAfter").isNull() ? null : json.get("nextAfter").asString();
            pages++;
        }
        assertThat(sequences).containsExactlyElementsOf(LongStream.rangeClosed(1, 15).boxed().toList());
        assertThat(pages).isEqualTo(4);

        JsonNode bobMoved = entries.get(12);
        assertThat(bobMoved.get("type").asString()).isEqualTo("ViewUpdated");
        assertThat(bobMoved.get("participantId").asString()).isEqualTo("bob.b-2");
        assertThat(bobMoved.get("claimId").asString()).isEqualTo("c1");
        assertThat(bobMoved.get("at").asString()).isEqualTo(DebateScript.at(13).toString());
        assertThat(bobMoved.get("summary").asString()).isEqualTo("bob.b-2 moved c1 from 0.30 to 0.60 citing 2 reasons");
        assertThat(bobMoved.get("details").get("credence").asDouble()).isEqualTo(0.6);
        assertThat(entries.get(0).get("summary").asString()).isEqualTo("debate opened: \"Should we adopt a four-day week?\"");
        assertThat(entries.get(0).get("participantId").isNull()).isTrue();
        assertThat(entries.get(11).get("summary").asString()).isEqualTo("bob.b-2 conceded r1: \"ok, the data convinces me\"");
        assertThat(entries.get(11).get("claimId").asString()).isEqualTo("c1");
        assertThat(entries.get(14).get("summary").asString()).isEqualTo("alice set c2 at 0.50 citing no reason");
        System.out.println("Example timeline page: " + get(timeline(debate) + "?limit=2&after=12").body());
    }

    @Test
    void filtersByParticipantClaimAndType() {
        DebateScript debate = DebateProjectionTest.fourDayWeek();
        publish(debate.events());

        assertThat(sequences(awaitAnswer(timeline(debate) + "?participant=bob.b-2", 15)))
                .containsExactly(3L, 6L, 10L, 11L, 12L, 13L, 14L);
        assertThat(sequences(get(timeline(debate) + "?claim=c2"))).containsExactly(14L, 15L);
        assertThat(sequences(get(timeline(debate) + "?type=ViewUpdated"))).containsExactly(9L, 10L, 13L, 15L);
        assertThat(sequences(get(timeline(debate) + "?type=ViewUpdated&participant=alice&claim=c1"))).containsExactly(9L);
        Answer filteredPage = get(timeline(debate) + "?type=ReasonAcknowledged&limit=2");
        assertThat(sequences(filteredPage)).containsExactly(8L, 11L);
        assertThat(filteredPage.json().get("nextAfter").asLong()).isEqualTo(11);
        assertThat(sequences(get(timeline(debate) + "?type=ReasonAcknowledged&limit=2&after=11"))).containsExactly(12L);
    }

    @Test
    void badParametersAre400NamingTheField() {
        DebateScript debate = DebateProjectionTest.fourDayWeek();
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());
        for (String[] bad : new String[][]{{"type=Nope", "type"}, {"limit=0", "limit"}, {"limit=501", "limit"},
                {"limit=x", "limit"}, {"after=-1", "after"}, {"participant=%20x", "participant"}, {"minSequence=0", "minSequence"}}) {
            Answer answer = get(timeline(debate) + "?" + bad[0]);
            assertThat(answer.status()).as(bad[0]).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(bad[1]);
        }
        Answer unknown = get("/debates/" + new DebateScript().debateId + "/timeline");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("debateId");
    }

    private static List<Long> sequences(Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<Long> sequences = new ArrayList<>();
        answer.json().get("entries").forEach(entry -> sequences.add(entry.get("sequence").asLong()));
        return sequences;
    }

    private static String timeline(DebateScript debate) {
        return "/debates/" + debate.debateId + "/timeline";
    }
}
