package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import dev.ledger.events.Stance;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Issue #6, scenario 6: an event the topic never delivers is fetched from the event store. */
class GapRepairTest extends WholeModelTestBase {

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void eventStoreBack() {
        EventStoreStub.get().failing(false);
    }

    @Test
    void fetchesAMissingEventFromTheEventStoreAndDrainsTheParkedOnes() {
        double repairedBefore = repairedCount();
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Repair", null),
                debate.join("alice", "Alice"),
                debate.claim("c1", "Gaps get repaired", "alice"),                     // 3: never on the topic
                debate.reason("r1", "c1", Stance.FOR, "The store has it", "alice", null),
                debate.view("alice", "c1", 0.8, null, "repaired", List.of("r1")));
        events.forEach(EventStoreStub.get()::add);
        for (EventEnvelope event : events) {
            if (event.sequence() != 3) {
                publishToTopicOnly(event);
            }
        }

        JsonNode debateView = awaitAnswer("/debates/" + debate.debateId, 5).json();
        assertThat(debateView.get("sequence").asLong()).isEqualTo(5);
        assertThat(debateView.get("claims").get(0).get("credences").get(0).get("credence").asDouble()).isEqualTo(0.8);
        JsonNode timeline = get("/debates/" + debate.debateId + "/timeline").json();
        List<Long> sequences = new ArrayList<>();
        timeline.get("entries").forEach(entry -> sequences.add(entry.get("sequence").asLong()));
        assertThat(sequences).containsExactly(1L, 2L, 3L, 4L, 5L);
        JsonNode history = get("/debates/" + debate.debateId + "/participants/alice/history").json();
        assertThat(history.toString()).contains("repaired");
        assertThat(jdbc.sql("SELECT count(*) FROM pending_event WHERE debate_id = :id").param("id", debate.debateId)
                .query(Long.class).single()).isZero();
        assertThat(repairedCount()).isGreaterThanOrEqualTo(repairedBefore + 1);
        JsonNode health = awaitProjectionHealth(h -> "UP".equals(h.get("status").asString()));
        assertThat(health.get("details").get("gapsRepaired").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(health.get("details").get("gapsWaiting").asLong()).isZero();
    }

    @Test
    void keepsTheDebateParkedWhileTheEventStoreIsUnreachableAndRepairsItLater() {
        EventStoreStub.get().failing(true);
        DebateScript debate = new DebateScript();
        List<EventEnvelope> events = List.of(
                debate.open("Unreachable", null),
                debate.join("bob", "Bob"),                                        // 2: never on the topic
                debate.claim("c1", "Patience pays", "bob"));
        events.forEach(EventStoreStub.get()::add);
        publishToTopicOnly(events.get(0));
        publishToTopicOnly(events.get(2));

        JsonNode degraded = awaitProjectionHealth(h -> "DEGRADED".equals(h.get("status").asString())
                && h.get("details").get("lastRepairError").asString().contains("503"));
        assertThat(degraded.get("details").get("gapsWaiting").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(get("/debates/" + debate.debateId).json().get("sequence").asLong()).isEqualTo(1);

        EventStoreStub.get().failing(false);
        assertThat(awaitAnswer("/debates/" + debate.debateId, 3).json().get("sequence").asLong()).isEqualTo(3);
        JsonNode healthy = awaitProjectionHealth(h -> "UP".equals(h.get("status").asString()));
        assertThat(healthy.get("details").get("lastRepairError").asString()).isEqualTo("null");
    }

    private double repairedCount() {
        return meters.get("ledger.projection.gaps.repaired").counter().count();
    }

    private JsonNode awaitProjectionHealth(Predicate<JsonNode> condition) {
        JsonNode[] projection = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            projection[0] = get("/actuator/health/projection").json();
            return condition.test(projection[0]);
        });
        return projection[0];
    }
}
