package dev.ledger.command.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database refuses a command's transaction at COMMIT, after Axon's unit of work has applied the event to the
 * cached debate and appended it: nothing of the command may stay behind, neither in the store nor in the cached
 * debate (the next command must continue from the committed state) nor under its Idempotency-Key. A deferred
 * constraint trigger makes PostgreSQL fail exactly the commit of events that carry a marker.
 */
class FailedCommitTest extends IntegrationTestBase {

    private final String marker = "refused-at-commit-" + UUID.randomUUID();

    @AfterEach
    void dropTrigger() {
        jdbc.execute("DROP TRIGGER IF EXISTS refuse_marked_event ON domain_event_entry");
        jdbc.execute("DROP FUNCTION IF EXISTS refuse_marked_event()");
    }

    @Test
    void aCommandWhoseCommitFailsLeavesNoTraceInTheStoreTheCacheOrItsKey() {
        String debateId = openDebate();
        join(debateId, "ann");
        jdbc.execute("CREATE FUNCTION refuse_marked_event() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'refused at commit by FailedCommitTest'; END $$");
        jdbc.execute("CREATE CONSTRAINT TRIGGER refuse_marked_event AFTER INSERT ON domain_event_entry "
                + "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
                + "WHEN (position(convert_to('" + marker + "', 'UTF8') in NEW.payload) > 0) "
                + "EXECUTE FUNCTION refuse_marked_event()");
        String key = "refused-" + UUID.randomUUID();
        String refusedClaim = "{\"statement\":\"" + marker + "\",\"by\":\"ann\"}";

        Response refused = post("/debates/" + debateId + "/claims", refusedClaim, "Idempotency-Key", key);

        assertThat(refused.status()).as(refused.raw()).isEqualTo(500);
        assertThat(sequences(debateId)).containsExactly(0L, 1L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE idempotency_key = ?", Long.class, key))
                .isZero();

        Response next = post("/debates/" + debateId + "/claims", "{\"statement\":\"Committed\",\"by\":\"ann\"}");
        assertThat(next.status()).as(next.raw()).isEqualTo(201);
        assertThat(next.body().get("sequence").asLong()).as("continues from the committed debate").isEqualTo(3);
        assertThat(sequences(debateId)).containsExactly(0L, 1L, 2L);

        dropTrigger();
        Response retried = post("/debates/" + debateId + "/claims", refusedClaim, "Idempotency-Key", key);
        assertThat(retried.status()).as(retried.raw()).isEqualTo(201);
        assertThat(retried.body().get("sequence").asLong()).isEqualTo(4);
        assertThat(post("/debates/" + debateId + "/claims", refusedClaim, "Idempotency-Key", key).body())
                .isEqualTo(retried.body());
        assertThat(sequences(debateId)).containsExactly(0L, 1L, 2L, 3L);
    }

    private List<Long> sequences(String debateId) {
        return jdbc.queryForList(
                "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number",
                Long.class, debateId);
    }
}
