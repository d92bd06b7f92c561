package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue #4: rebuilding the read model from Kafka or from the event store (the in-test {@link EventStoreStub})
 * gives exactly the model the live projection built, checked by the checksum endpoint and by query answers.
 */
class RebuildTest extends WholeModelTestBase {

    private static RandomDebates history;

    @BeforeEach
    void publishHistoryOnce() {
        if (history == null) {
            RandomDebates debates = new RandomDebates(42, 120, 30);
            publishAll(debates.interleaved());
            Map<String, Long> expected = debates.debates().stream()
                    .collect(Collectors.toMap(debate -> debate.debateId, DebateScript::lastSequence));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() ->
                    jdbc.sql("SELECT debate_id, last_sequence FROM debate_progress WHERE debate_id IN (:ids)")
                            .param("ids", expected.keySet())
                            .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                            .list().stream()
                            .filter(entry -> entry.getValue().equals(expected.get(entry.getKey())))
                            .count() == expected.size());
            System.out.println("RebuildTest: " + debates.size() + " events in " + expected.size() + " debates projected");
            history = debates;
        }
    }

    @AfterEach
    void eventStoreAtFullSpeed() {
        EventStoreStub.get().delay(0);
        EventStoreStub.get().failing(false);
    }

    @Test
    void aRebuildFromKafkaGivesTheSameReadModel() {
        JsonNode before = checksum();
        String oneDebate = history.debates().get(3).debateId;
        JsonNode oneDebateBefore = debateChecksum(oneDebate);
        List<String> answersBefore = sampleAnswers();

        JsonNode started = admin("POST", "/admin/rebuild?source=kafka").json();
        assertThat(started.get("state").asString()).isIn("running", "swapping", "completed");
        JsonNode done = awaitFinished();

        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("source").asString()).isEqualTo("kafka");
        assertThat(done.get("eventsDone").asLong()).isGreaterThanOrEqualTo(history.size());
        System.out.println("RebuildTest kafka: " + done);
        assertThat(checksum()).isEqualTo(before);
        assertThat(debateChecksum(oneDebate)).isEqualTo(oneDebateBefore);
        assertThat(sampleAnswers()).isEqualTo(answersBefore);
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name LIKE 'ledger_re%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void aRebuildFromTheEventStoreGivesTheSameReadModel() {
        JsonNode before = checksum();
        List<String> answersBefore = sampleAnswers();

        assertThat(admin("POST", "/admin/rebuild?source=event-store").status()).isEqualTo(202);
        JsonNode done = awaitFinished();

        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("source").asString()).isEqualTo("event-store");
        System.out.println("RebuildTest event-store: " + done);
        assertThat(checksum()).isEqualTo(before);
        assertThat(sampleAnswers()).isEqualTo(answersBefore);
    }

    @Test
    void anInterruptedRebuildResumesWhereItStopped() {
        JsonNode before = checksum();
        EventStoreStub.get().delay(60);

        assertThat(admin("POST", "/admin/rebuild?source=event-store").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> admin("GET", "/admin/rebuild").json().get("eventsDone").asLong() >= 500);
        Answer interrupted = admin("DELETE", "/admin/rebuild");
        assertThat(interrupted.status()).isEqualTo(202);
        JsonNode stopped = admin("GET", "/admin/rebuild").json();
        assertThat(stopped.get("state").asString()).isEqualTo("interrupted");
        assertThat(stopped.get("resumable").asBoolean()).isTrue();
        long doneWhenInterrupted = stopped.get("eventsDone").asLong();
        assertThat(doneWhenInterrupted).isLessThan(stopped.get("eventsTotal").asLong());
        assertThat(checksum()).isEqualTo(before);                      // the live model is untouched
        assertThat(admin("DELETE", "/admin/rebuild").status()).isEqualTo(409);

        EventStoreStub.get().delay(0);
        JsonNode resumed = admin("POST", "/admin/rebuild").json();     // source auto: resumes the event-store run
        assertThat(resumed.get("eventsDone").asLong()).isLessThanOrEqualTo(doneWhenInterrupted);
        JsonNode done = awaitFinished();

        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("source").asString()).isEqualTo("event-store");
        assertThat(done.get("eventsDone").asLong()).isEqualTo(done.get("eventsTotal").asLong());
        assertThat(checksum()).isEqualTo(before);
    }

    /**
     * A rebuild sends most rows with COPY, which has no ON CONFLICT: a history holding the same key twice (which
     * the command side does not produce) must still give the live model, whose INSERTs keep the first row.
     */
    @Test
    void aHistoryWithAKeyTwiceGivesTheLiveModelsRowsInARebuild() {
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Twice", null),
                debate.join("p0", "First name"),
                debate.join("p0", "Second name"),
                debate.claim("c0", "First statement", "p0"),
                debate.claim("c0", "Second statement", "p0"));
        publishAll(events);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() ->
                jdbc.sql("SELECT count(*) FROM debate_progress WHERE debate_id = :id AND last_sequence = 5")
                        .param("id", debate.debateId).query(Long.class).single() == 1);
        JsonNode before = checksum();

        assertThat(admin("POST", "/admin/rebuild?source=kafka").status()).isEqualTo(202);
        JsonNode done = awaitFinished();

        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(checksum()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT display_name FROM participant WHERE debate_id = :id").param("id", debate.debateId)
                .query(String.class).list()).containsExactly("First name");
        assertThat(jdbc.sql("SELECT statement FROM claim WHERE debate_id = :id").param("id", debate.debateId)
                .query(String.class).list()).containsExactly("First statement");
    }

    /**
     * What only the live model has (here a gap it repaired from the event store; with several instances also
     * records another instance consumed) is applied to the rebuilt tables under the swap's locks, never lost.
     */
    @Test
    void theSwapKeepsWhatOnlyTheLiveModelHasOrDoesNotSwap() {
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Repaired before the rebuild", null),
                debate.join("p0", "Alice"),
                debate.claim("c0", "Only the event store has this one", "p0"),  // 3: never on the topic
                debate.join("p1", "Bob"));
        events.forEach(EventStoreStub.get()::add);
        events.stream().filter(event -> event.sequence() != 3).forEach(this::publishToTopicOnly);
        awaitSequence(debate.debateId, 4);                                       // gap repair fetched 3
        JsonNode before = checksum();

        EventStoreStub.get().failing(true);
        assertThat(admin("POST", "/admin/rebuild?source=kafka").status()).isEqualTo(202);
        JsonNode failed = awaitFinished();
        assertThat(failed.get("state").asString()).as(failed.toString()).isEqualTo("failed");
        assertThat(failed.get("error").asString()).contains("cannot swap");
        assertThat(failed.get("resumable").asBoolean()).isTrue();
        assertThat(checksum()).isEqualTo(before);

        EventStoreStub.get().failing(false);
        assertThat(admin("POST", "/admin/rebuild").status()).isEqualTo(202);   // auto: resumes the kafka run
        JsonNode done = awaitFinished();
        assertThat(done.get("state").asString()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("source").asString()).isEqualTo("kafka");
        assertThat(checksum()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT statement FROM claim WHERE debate_id = :id").param("id", debate.debateId)
                .query(String.class).list()).containsExactly("Only the event store has this one");
    }

    @Test
    void readsKeepAnsweringDuringARebuild() {
        String debate = history.debates().get(7).debateId;
        String[] reader = {"Authorization", "Bearer " + EventStoreStub.TOKEN}; // the debate may be private
        Answer before = get("/debates/" + debate, reader);
        assertThat(before.status()).isEqualTo(200);
        EventStoreStub.get().delay(20);

        assertThat(admin("POST", "/admin/rebuild?source=event-store").status()).isEqualTo(202);
        Answer again = admin("POST", "/admin/rebuild?source=kafka");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().get("type").asString()).isEqualTo("urn:ledger:problem:conflict");
        List<Answer> during = new ArrayList<>();
        String state;
        do {
            during.add(get("/debates/" + debate, reader));
            state = admin("GET", "/admin/rebuild").json().get("state").asString();
        } while (state.equals("running") || state.equals("swapping"));

        assertThat(state).isEqualTo("completed");
        assertThat(during).hasSizeGreaterThan(5);
        assertThat(during).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo(before.body());
        });
    }

    /** What lets a debate imported into another ledger be compared with the exported one (VerifiableHistoryIT). */
    @Test
    void aDebatesChecksumCoversItsOwnRowsOnlyAndOnlyForAdmins() {
        DebateScript mine = new DebateScript();
        DebateScript other = new DebateScript();
        publishAll(List.of(mine.open("Mine", null), mine.join("p0", "Alice"), other.open("Other", null)));
        awaitSequence(mine.debateId, 2);
        awaitSequence(other.debateId, 1);
        JsonNode before = debateChecksum(mine.debateId);
        assertThat(before.get("tables").get("debate").get("rows").asLong()).isEqualTo(1);
        assertThat(before.get("tables").get("participant").get("rows").asLong()).isEqualTo(1);
        assertThat(before.get("tables").get("timeline_entry").get("rows").asLong()).isEqualTo(2);
        assertThat(before.get("overall").asString()).isNotEqualTo(debateChecksum(other.debateId).get("overall").asString());

        JsonNode wholeBefore = checksum();
        publishAll(List.of(other.join("p0", "Bob")));
        awaitSequence(other.debateId, 2);
        assertThat(checksum()).as("the whole read model's").isNotEqualTo(wholeBefore);
        assertThat(debateChecksum(mine.debateId)).as("another debate's event leaves this one's").isEqualTo(before);

        publishAll(List.of(mine.claim("c0", "Checksums tell debates apart", "p0")));
        awaitSequence(mine.debateId, 3);
        JsonNode after = debateChecksum(mine.debateId);
        assertThat(after.get("overall").asString()).isNotEqualTo(before.get("overall").asString());
        assertThat(after.get("tables").get("claim").get("rows").asLong()).isEqualTo(1);

        Answer unknown = admin("GET", "/admin/projection/debates/no-such-debate/checksum");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("debateId");
        String path = "/admin/projection/debates/" + mine.debateId + "/checksum";
        assertThat(get(path).status()).as("anonymous").isEqualTo(401);
        assertThat(get(path, "Authorization", "Bearer " + token("alice", false)).status()).as("an account that is no admin")
                .isEqualTo(403);
        assertThat(get(path, "Authorization", "Bearer " + token("root", true)).status()).as("an admin account").isEqualTo(200);
    }

    @Test
    void refusesAnUnknownSource() {
        Answer answer = admin("POST", "/admin/rebuild?source=tape");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("field").asString()).isEqualTo("source");
    }

    private JsonNode checksum() {
        Answer answer = admin("GET", "/admin/projection/checksum");
        assertThat(answer.status()).isEqualTo(200);
        return answer.json();
    }

    private JsonNode debateChecksum(String debateId) {
        Answer answer = admin("GET", "/admin/projection/debates/" + debateId + "/checksum");
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.json();
    }

    /** A few query answers that cover every table: debate views, timelines, histories. */
    private List<String> sampleAnswers() {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String debate = history.debates().get(i * 40).debateId;
            answers.add(get("/debates/" + debate).body());
            answers.add(get("/debates/" + debate + "/timeline?limit=500").body());
            answers.add(get("/debates/" + debate + "/participants/p0/history").body());
            answers.add(get("/debates/" + debate + "/participants/p1/beliefs").body());
        }
        return answers;
    }

    private JsonNode awaitFinished() {
        JsonNode[] status = new JsonNode[1];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50)).until(() -> {
            status[0] = admin("GET", "/admin/rebuild").json();
            String state = status[0].get("state").asString();
            return !state.equals("running") && !state.equals("swapping");
        });
        return status[0];
    }
}
