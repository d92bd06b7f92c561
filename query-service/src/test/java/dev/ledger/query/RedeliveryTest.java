package dev.ledger.query;

import dev.ledger.events.EventEnvelope;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RedeliveryTest extends QueryServiceTestBase {

    private static final List<String> TABLES = List.of("debate_progress", "debate", "participant", "claim", "reason",
            "acknowledgement", "current_belief", "view_change", "timeline_entry", "pending_event", "skipped_event");

    @Autowired
    MeterRegistry meters;

    @Test
    void deliveringTheSameRecordsAgainChangesNothing() {
        DebateScript debate = DebateProjectionTest.fourDayWeek();
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());
        Map<String, List<String>> tablesBefore = dump(debate.debateId);
        List<String> answersBefore = answers(debate.debateId);
        double appliedBefore = appliedCount();

        // Every record again, then again in reverse order (older events after newer ones).
        List<EventEnvelope> reversed = new ArrayList<>(debate.events());
        Collections.reverse(reversed);
        publish(debate.events());
        publish(reversed);
        // One partition: once this marker debate is applied, every record sent before it has been handled.
        DebateScript marker = new DebateScript();
        publish(marker.open("marker", null));
        awaitSequence(marker.debateId, 1);

        assertThat(dump(debate.debateId)).isEqualTo(tablesBefore);
        assertThat(answers(debate.debateId)).isEqualTo(answersBefore);
        assertThat(appliedCount() - appliedBefore).as("only the marker was applied").isEqualTo(1.0);
        assertThat(tablesBefore.get("view_change")).hasSize(4);
        assertThat(tablesBefore.get("timeline_entry")).as("one entry per event").hasSize(15);
    }

    /** Every row of every read-model table that belongs to the debate, as JSON, in a stable order. */
    private Map<String, List<String>> dump(String debateId) {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            tables.put(table, jdbc.sql("SELECT to_jsonb(t)::text AS row FROM " + table + " t WHERE debate_id = :debateId ORDER BY 1")
                    .param("debateId", debateId)
                    .query(String.class)
                    .list());
        }
        return tables;
    }

    private List<String> answers(String debateId) {
        return List.of(
                get("/debates/" + debateId).body(),
                get("/debates/" + debateId + "/participants/alice/beliefs").body(),
                get("/debates/" + debateId + "/participants/bob.b-2/beliefs").body(),
                get("/debates/" + debateId + "/participants/alice/history").body(),
                get("/debates/" + debateId + "/participants/bob.b-2/history").body(),
                get("/debates/" + debateId + "/timeline").body());
    }

    private double appliedCount() {
        return meters.find("ledger.projection.events.applied").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
