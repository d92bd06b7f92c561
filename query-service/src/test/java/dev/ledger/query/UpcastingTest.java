package dev.ledger.query;

import dev.ledger.events.Stance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A version-1 ViewUpdated (no becauseOf) on the topic is applied as the current shape. */
class UpcastingTest extends QueryServiceTestBase {

    /** The golden file of shared-events, copied: its debate id is replaced by the test's. */
    private static final String GOLDEN_DEBATE = "3f1c2a9e-0b7d-4c55-9a51-2f6f0e8d7c11";
    private static final String GOLDEN_CLAIM = "7a0c9d1e-2f3b-4c5d-8e9f-a0b1c2d3e4f5";

    @Test
    void appliesAVersionOneViewUpdateWithAnEmptyBecauseOf() throws IOException {
        String golden;
        try (InputStream in = getClass().getResourceAsStream("/golden/v1/ViewUpdated-without-becauseOf.json")) {
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        DebateScript debate = new DebateScript();
        publish(List.of(
                debate.open("Old events", null),                                                     // 1
                debate.join("ben", "Ben"),                                                           // 2
                debate.claim(GOLDEN_CLAIM, "Old readers keep up", "ben"),                            // 3
                debate.reason("r1", GOLDEN_CLAIM, Stance.FOR, "Fixes", "ben", null),                 // 4
                debate.view("ben", GOLDEN_CLAIM, 0.4, null, "unsure", List.of("r1"))));              // 5
        assertThat(debate.skipSequence()).isEqualTo(6);
        publishRaw(debate.debateId, golden.replace(GOLDEN_DEBATE, debate.debateId));                // 6, version 1
        publish(debate.view("ben", GOLDEN_CLAIM, 0.9, 0.7, "now sure", List.of("r1")));             // 7

        awaitSequence(debate.debateId, 7);
        JsonNode history = get("/debates/" + debate.debateId + "/participants/ben/history").json();
        String text = history.toString();
        assertThat(text).contains("The point about fixes convinced me.");
        JsonNode upcast = null;
        for (JsonNode change : history.findParents("sequence")) {
            if (change.get("sequence").asLong() == 6) {
                upcast = change;
            }
        }
        assertThat(upcast).as(text).isNotNull();
        assertThat(upcast.get("becauseOf").isArray()).as(upcast.toString()).isTrue();
        assertThat(upcast.get("becauseOf")).isEmpty();
        JsonNode timeline = get("/debates/" + debate.debateId + "/timeline?type=ViewUpdated").json();
        assertThat(timeline.get("entries")).hasSize(3);
        assertThat(timeline.get("entries").get(1).get("summary").asString()).isEqualTo("ben moved " + GOLDEN_CLAIM
                + " from 0.40 to 0.70 citing no reason");
        assertThat(jdbc.sql("SELECT credence FROM current_belief WHERE debate_id = :id AND participant_id = 'ben'")
                .param("id", debate.debateId).query(Double.class).single()).isEqualTo(0.9);
    }
}
