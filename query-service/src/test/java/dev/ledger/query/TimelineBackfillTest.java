package dev.ledger.query;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The V2 migration's backfill, brought up to date by the later migrations' updates of timeline entries (V4: version 2
 * payloads of DebateOpened and ParticipantJoined), must write the same timeline entries the projector writes: run
 * them again over a debate whose entries were deleted, and compare with what the projector wrote.
 */
class TimelineBackfillTest extends QueryServiceTestBase {

    @Test
    void backfillFromTheV1TablesMatchesWhatTheProjectorWrites() throws IOException {
        DebateScript debate = DebateProjectionTest.fourDayWeek();
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());
        List<String> projected = entries(debate.debateId);
        assertThat(projected).hasSize(15);

        jdbc.sql("DELETE FROM timeline_entry WHERE debate_id = :debateId").param("debateId", debate.debateId).update();
        jdbc.sql(backfillStatement()).update(); // ON CONFLICT DO NOTHING: other debates keep their entries
        for (String update : timelineUpdatesOf("V4__roles_and_visibility.sql")) {
            jdbc.sql(update).update();
        }
        List<String> backfilled = entries(debate.debateId);

        // V1 kept only bob's latest acknowledgement of r1 (sequence 12 replaced 11): that event cannot be backfilled.
        List<String> expected = projected.stream().filter(row -> !row.contains("\"sequence\": 11,")).toList();
        assertThat(expected).hasSize(14);
        assertThat(backfilled).containsExactlyElementsOf(expected);
    }

    private List<String> entries(String debateId) {
        return jdbc.sql("SELECT to_jsonb(t)::text FROM timeline_entry t WHERE debate_id = :debateId ORDER BY sequence")
                .param("debateId", debateId)
                .query(String.class)
                .list();
    }

    private static String backfillStatement() throws IOException {
        String migration = migration("V2__timeline.sql");
        return migration.substring(migration.indexOf("INSERT INTO timeline_entry")).trim().replaceAll(";$", "");
    }

    private static List<String> timelineUpdatesOf(String name) throws IOException {
        List<String> updates = Arrays.stream(migration(name).split(";"))
                .map(String::trim)
                .filter(statement -> statement.contains("UPDATE timeline_entry"))
                .map(statement -> statement.substring(statement.indexOf("UPDATE timeline_entry")))
                .toList();
        assertThat(updates).as(name).isNotEmpty();
        return updates;
    }

    private static String migration(String name) throws IOException {
        try (InputStream in = TimelineBackfillTest.class.getResourceAsStream("/db/migration/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
