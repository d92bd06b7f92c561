package dev.ledger.query;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class QueryErrorsTest extends QueryServiceTestBase {

    /** On a debate the caller may read: any other debate is 404 before its parameters are looked at (ReadAccessMatrixTest). */
    @Test
    void malformedIdsAndMinSequenceAre400NamingTheField() {
        DebateScript debate = new DebateScript();
        publish(debate.open("Well-formed questions only", null));
        awaitSequence(debate.debateId, 1);
        String debateId = debate.debateId;
        assertProblem(get("/debates/not-a-uuid"), 400, "urn:ledger:problem:validation", "debateId");
        assertProblem(get("/debates/" + debateId + "x"), 400, "urn:ledger:problem:validation", "debateId");
        assertProblem(get("/debates/" + debateId + "/participants/-alice/beliefs"), 400,
                "urn:ledger:problem:validation", "participantId");
        assertProblem(get("/debates/" + debateId + "/participants/" + "a".repeat(65) + "/history"), 400,
                "urn:ledger:problem:validation", "participantId");
        assertProblem(get("/debates/" + debateId + "?minSequence=abc"), 400, "urn:ledger:problem:validation", "minSequence");
        assertProblem(get("/debates/" + debateId + "?minSequence=0"), 400, "urn:ledger:problem:validation", "minSequence");
        assertProblem(get("/debates/" + debateId + "/participants/alice/history?minSequence=1.5"), 400,
                "urn:ledger:problem:validation", "minSequence");
    }

    @Test
    void unknownDebatesAndParticipantsAre404NamingTheField() {
        DebateScript debate = new DebateScript();
        publish(debate.open("Who is here?", null));
        publish(debate.join("alice", "Alice"));
        awaitSequence(debate.debateId, 2);

        assertProblem(get("/debates/" + UUID.randomUUID()), 404, "urn:ledger:problem:not-found", "debateId");
        assertProblem(get("/debates/" + UUID.randomUUID() + "/participants/alice/beliefs"), 404,
                "urn:ledger:problem:not-found", "debateId");
        assertProblem(get("/debates/" + debate.debateId + "/participants/mallory/beliefs"), 404,
                "urn:ledger:problem:not-found", "participantId");
        assertProblem(get("/debates/" + debate.debateId + "/participants/mallory/history"), 404,
                "urn:ledger:problem:not-found", "participantId");
        assertThat(get("/debates/" + debate.debateId + "/participants/alice/history").status()).isEqualTo(200);
        Answer unknownPath = get("/nowhere");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSequenceNotReachedInTimeIs503WithRetryAfter() {
        DebateScript debate = new DebateScript();
        publish(debate.open("Patience", null));
        awaitSequence(debate.debateId, 1);

        long started = System.nanoTime();
        Answer answer = get("/debates/" + debate.debateId + "/participants/alice/beliefs?minSequence=99");
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        JsonNode problem = assertProblem(answer, 503, "urn:ledger:problem:not-ready", "minSequence");
        assertThat(answer.retryAfter()).isEqualTo("1");
        assertThat(problem.get("minSequence").asLong()).isEqualTo(99);
        assertThat(problem.get("sequenceReached").asLong()).isEqualTo(1);
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3)); // the test timeout is 1s

        // A debate the read model does not know while the event store cannot say whether it exists may be in flight:
        // it is waited for, then not-ready (a debate the event store does not know is 404 at once: QueryLimitsTest).
        EventStoreStub.get().failing(true);
        try {
            Answer unknown = get("/debates/" + UUID.randomUUID() + "?minSequence=1");
            JsonNode unknownProblem = assertProblem(unknown, 503, "urn:ledger:problem:not-ready", "minSequence");
            assertThat(unknownProblem.get("sequenceReached").asLong()).isZero();
        } finally {
            EventStoreStub.get().failing(false);
        }
    }

    private static JsonNode assertProblem(Answer answer, int status, String type, String field) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asString()).isEqualTo(type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("detail").asString()).isNotBlank();
        assertThat(problem.get("instance").asString()).startsWith("/debates/");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("reason").asString()).isNotBlank();
        return problem;
    }
}
