package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HistoricalBeliefsTest extends QueryServiceTestBase {

    private static final List<String> PARTICIPANTS = List.of("alice", "bob.b-2");

    @Test
    void asOfAndAtSequenceAnswerExactlyWhatTheLiveAnswerWasThen() {
        DebateScript debate = DebateProjectionTest.fourDayWeek();
        // live answers (status + body) after each step, per participant
        Map<String, Answer> live = new LinkedHashMap<>();
        for (EventEnvelope event : debate.events()) {
            publish(event);
            for (String participant : PARTICIPANTS) {
                Answer answer = awaitAnswer(beliefs(debate, participant), event.sequence());
                live.put(participant + "@" + event.sequence(), answer);
            }
        }

        for (long sequence = 1; sequence <= debate.lastSequence(); sequence++) {
            for (String participant : PARTICIPANTS) {
                Answer then = live.get(participant + "@" + sequence);
                Answer atSequence = get(beliefs(debate, participant) + "?atSequence=" + sequence);
                Answer asOf = get(beliefs(debate, participant) + "?asOf=" + DebateScript.at(sequence));
                Answer asOfBetween = get(beliefs(debate, participant) + "?asOf=" + DebateScript.at(sequence).plusMillis(999));
                for (Answer past : List.of(atSequence, asOf, asOfBetween)) {
                    assertThat(past.status()).as("%s at %d", participant, sequence).isEqualTo(then.status());
                    if (then.status() == 200) {
                        assertThat(past.json()).as("%s at %d", participant, sequence).isEqualTo(then.json());
                    } else {
                        assertThat(past.json().get("errors").get(0).get("field").asString()).isEqualTo("participantId");
                    }
                }
            }
        }
        // sanity: the history really differs from now (bob moved from 0.3 to 0.6 at 13)
        assertThat(live.get("bob.b-2@12").json().get("beliefs").get(0).get("credence").asDouble()).isEqualTo(0.3);
        assertThat(live.get("bob.b-2@2").status()).isEqualTo(404);
        assertThat(get(beliefs(debate, "bob.b-2") + "?atSequence=12").json().get("sequence").asLong()).isEqualTo(12);
    }

    @Test
    void rejectsBadPointsInTime() {
        DebateScript debate = DebateProjectionTest.fourDayWeek();
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());
        String path = beliefs(debate, "alice");

        assertProblem(get(path + "?asOf=" + DebateScript.at(1).minusSeconds(1)), 404, "asOf");
        assertProblem(get(path + "?asOf=yesterday"), 400, "asOf");
        assertProblem(get(path + "?atSequence=0"), 400, "atSequence");
        assertProblem(get(path + "?atSequence=x"), 400, "atSequence");
        assertProblem(get(path + "?atSequence=2&asOf=" + DebateScript.at(2)), 400, "asOf, atSequence");
        Answer beyond = get(path + "?atSequence=99");
        assertProblem(beyond, 503, "atSequence");
        assertThat(beyond.json().get("minSequence").asLong()).isEqualTo(99);
        assertThat(beyond.retryAfter()).isNotNull();
    }

    private void assertProblem(Answer answer, int status, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    private static String beliefs(DebateScript debate, String participant) {
        return "/debates/" + debate.debateId + "/participants/" + participant + "/beliefs";
    }
}
