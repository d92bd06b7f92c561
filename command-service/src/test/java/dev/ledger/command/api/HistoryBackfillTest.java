package dev.ledger.command.api;

import dev.ledger.events.history.Checkpoint;
import dev.ledger.events.history.SignedNote;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debates stored before trees were kept (here: their tree rows deleted) get their tree built from the stored bytes:
 * by the backfill when a service starts, or when first asked for, with the same root as if it had been kept all along.
 */
class HistoryBackfillTest extends IntegrationTestBase {

    @Autowired
    Environment environment;

    @Test
    void aDebateWithoutATreeGetsItBuiltByTheBackfillAtStartOrWhenFirstAskedFor() {
        String atStart = debateWithoutItsTree();
        String whenAsked = debateWithoutItsTree();
        String rootAtStart = rootOf(atStart);
        String rootWhenAsked = rootOf(whenAsked);
        forgetTree(atStart);
        forgetTree(whenAsked);

        Response checkpoint = anonymous("GET", "/debates/" + whenAsked + "/checkpoint", null);
        assertThat(checkpoint.status()).as(checkpoint.raw()).isEqualTo(200);
        Checkpoint signed = Checkpoint.of(SignedNote.parse(checkpoint.raw()));
        assertThat(signed.size()).isEqualTo(3);
        assertThat(HexFormat.of().formatHex(signed.rootHash())).isEqualTo(rootWhenAsked);
        assertThat(rootOf(whenAsked)).isEqualTo(rootWhenAsked);

        startInstance(environment.getProperty("spring.datasource.url"));
        String rebuilt = awaitValue(Duration.ofSeconds(30), () -> rootOrNull(atStart), root -> root != null);
        assertThat(rebuilt).as("built by the second instance's backfill").isEqualTo(rootAtStart);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM debate_tree_leaf WHERE debate_id = ?", Long.class, atStart))
                .isEqualTo(3);
    }

    private String debateWithoutItsTree() {
        String debateId = openDebate();
        join(debateId, "opener");
        stateClaim(debateId, "opener");
        return debateId;
    }

    private void forgetTree(String debateId) {
        jdbc.update("DELETE FROM debate_tree_leaf WHERE debate_id = ?", debateId);
        jdbc.update("DELETE FROM debate_tree_head WHERE debate_id = ?", debateId);
    }

    private String rootOf(String debateId) {
        return jdbc.queryForObject("SELECT encode(root_hash, 'hex') FROM debate_tree_head WHERE debate_id = ?", String.class, debateId);
    }

    private String rootOrNull(String debateId) {
        return jdbc.queryForList("SELECT encode(root_hash, 'hex') FROM debate_tree_head WHERE debate_id = ?", String.class, debateId)
                .stream().findFirst().orElse(null);
    }
}
