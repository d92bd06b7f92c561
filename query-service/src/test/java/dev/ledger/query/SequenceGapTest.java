package dev.ledger.query;

import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.EventEnvelope;
import dev.ledger.events.Stance;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SequenceGapTest extends QueryServiceTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void parksEventsAfterAMissingSequenceAndAppliesThemWhenItArrives() {
        DebateScript debate = new DebateScript();
        EventEnvelope opened = debate.open("Gap", null);                                     // 1
        EventEnvelope alice = debate.join("alice", "Alice");                                 // 2
        EventEnvelope claim = debate.claim("c1", "Gaps heal", "alice");                     // 3: held back
        EventEnvelope reason = debate.reason("r1", "c1", Stance.FOR, "Ordering", "alice", null); // 4
        EventEnvelope view = debate.view("alice", "c1", 0.9, null, "sure", List.of("r1"));  // 5
        publish(List.of(opened, alice, reason, view, view));

        awaitSequence(debate.debateId, 2);
        JsonNode projection = awaitProjectionHealth(health -> waitingEntry(health, debate.debateId) != null);
        JsonNode waiting = waitingEntry(projection, debate.debateId);
        assertThat(waiting.get("missingSequence").asLong()).isEqualTo(3);
        assertThat(waiting.get("lastAppliedSequence").asLong()).isEqualTo(2);
        assertThat(waiting.get("parkedEvents").asLong()).isEqualTo(2);
        assertThat(projection.get("status").asString()).isEqualTo("DEGRADED");
        Answer health = get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asString()).isEqualTo("DEGRADED");
        assertThat(get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        assertThat(meters.get("ledger.projection.debates.waiting").gauge().value()).isGreaterThanOrEqualTo(1.0);

        JsonNode meanwhile = get("/debates/" + debate.debateId).json();
        assertThat(meanwhile.get("sequence").asLong()).isEqualTo(2);
        assertThat(meanwhile.get("reasons")).isEmpty();
        assertThat(get("/debates/" + debate.debateId + "?minSequence=4").status()).isEqualTo(503);

        publish(claim);

        JsonNode healed = awaitAnswer("/debates/" + debate.debateId, 5).json();
        assertThat(healed.get("sequence").asLong()).isEqualTo(5);
        assertThat(healed.get("claims").get(0).get("credences").get(0).get("credence").asDouble()).isEqualTo(0.9);
        assertThat(healed.get("reasons").get(0).get("reasonId").asString()).isEqualTo("r1");
        assertThat(jdbc.sql("SELECT count(*) FROM pending_event WHERE debate_id = :id").param("id", debate.debateId)
                .query(Long.class).single()).isZero();
        awaitProjectionHealth(h -> waitingEntry(h, debate.debateId) == null);

        // The debate goes on normally after the gap closed.
        publish(debate.acknowledge("r1", "alice", AcknowledgementKind.NOTED, null));
        assertThat(awaitAnswer("/debates/" + debate.debateId, 6).json().get("sequence").asLong()).isEqualTo(6);
    }

    private JsonNode awaitProjectionHealth(java.util.function.Predicate<JsonNode> condition) {
        JsonNode[] projection = new JsonNode[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            projection[0] = get("/actuator/health/projection").json();
            return condition.test(projection[0]);
        });
        return projection[0];
    }

    private static JsonNode waitingEntry(JsonNode projectionHealth, String debateId) {
        for (JsonNode entry : projectionHealth.get("details").get("debatesWaiting")) {
            if (entry.get("debateId").asString().equals(debateId)) {
                return entry;
            }
        }
        return null;
    }
}
