package dev.ledger.query.rebuild;

import dev.ledger.query.QueryServiceTestBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The swap's last check, under its table locks: a gap repair that commits into the live tables after the
 * rebuild caught up must not be lost with them. (A swap that goes through is covered by RebuildTest.)
 */
class RebuildSwapTest extends QueryServiceTestBase {

    @Autowired
    RebuildSchema schema;

    @Autowired
    JdbcClient sql;

    private final String debate = "swap-" + UUID.randomUUID();

    @AfterEach
    void leaveNoTrace() {
        schema.drop();
        // Other tests rebuild from the topic, which never had this debate.
        sql.sql("DELETE FROM public.debate_progress WHERE debate_id = ?").param(debate).update();
    }

    @Test
    void doesNotSwapWhileTheLiveModelIsAheadOfTheRebuiltOne() {
        schema.createFresh(RebuildSource.KAFKA);
        sql.sql("INSERT INTO " + RebuildSchema.SCHEMA + ".debate_progress (debate_id, last_sequence) VALUES (?, 2)")
                .param(debate).update();
        // A repair committed sequence 3 into the live model after the rebuild caught up to 2.
        sql.sql("INSERT INTO public.debate_progress (debate_id, last_sequence) VALUES (?, 3)").param(debate).update();

        assertThat(schema.swapUnlessLiveIsAhead()).isFalse();

        assertThat(sql.sql("SELECT last_sequence FROM public.debate_progress WHERE debate_id = ?").param(debate)
                .query(Long.class).single()).isEqualTo(3);
        assertThat(sql.sql("SELECT to_regclass(?) IS NOT NULL").param(RebuildSchema.SCHEMA + ".rebuild_run")
                .query(Boolean.class).single()).isTrue();
        assertThat(schema.debatesBehindLive().get(debate)).containsExactly(2, 3);
    }
}
