package dev.ledger.query;

import dev.ledger.query.api.DebateQueries;
import dev.ledger.query.api.PastBeliefs;
import dev.ledger.query.snapshot.SnapshotReadTransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Snapshot reads: read-only transactions run at REPEATABLE READ, write transactions keep READ COMMITTED. */
class SnapshotReadTest extends QueryServiceTestBase {

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void readOnlyTransactionsSeeOneSnapshot() {
        assertThat(transactionManager).isInstanceOf(SnapshotReadTransactionManager.class);
        String debate = "snapshot-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO debate_progress (debate_id, last_sequence) VALUES (?, 1)").param(debate).update();
        TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
        snapshot.setReadOnly(true);

        long[] seen = snapshot.execute(status -> {
            assertThat(jdbc.sql("SHOW transaction_isolation").query(String.class).single()).isEqualTo("repeatable read");
            assertThat(jdbc.sql("SHOW transaction_read_only").query(String.class).single()).isEqualTo("on");
            long before = lastSequence(debate);
            // Another connection commits a change while the snapshot is open.
            CompletableFuture.runAsync(() -> jdbc.sql("UPDATE debate_progress SET last_sequence = 2 WHERE debate_id = ?")
                    .param(debate).update()).join();
            return new long[]{before, lastSequence(debate)};
        });

        assertThat(seen).containsExactly(1, 1);
        assertThat(lastSequence(debate)).isEqualTo(2);
        // Rebuild tests replay the topic, which never had this debate.
        jdbc.sql("DELETE FROM debate_progress WHERE debate_id = ?").param(debate).update();
        String writeIsolation = new TransactionTemplate(transactionManager).execute(status ->
                jdbc.sql("SHOW transaction_isolation").query(String.class).single());
        assertThat(writeIsolation).isEqualTo("read committed");
    }

    @Test
    void theQueryClassesAreSnapshotReads() throws Exception {
        AnnotationTransactionAttributeSource attributes = new AnnotationTransactionAttributeSource(false);
        TransactionAttribute overview = attributes.getTransactionAttribute(
                DebateQueries.class.getMethod("debate", String.class, dev.ledger.web.request.PageRequest.class), DebateQueries.class);
        assertThat(overview).isNotNull();
        assertThat(overview.isReadOnly()).isTrue();
        TransactionAttribute pastSequence = attributes.getTransactionAttribute(
                PastBeliefs.class.getMethod("sequenceAsOf", String.class, java.time.Instant.class), PastBeliefs.class);
        assertThat(pastSequence).isNotNull();
        assertThat(pastSequence.isReadOnly()).isTrue();
        TransactionAttribute lastSequence = attributes.getTransactionAttribute(
                DebateQueries.class.getMethod("lastSequence", String.class), DebateQueries.class);
        assertThat(lastSequence.getPropagationBehavior()).isEqualTo(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
    }

    private long lastSequence(String debate) {
        return jdbc.sql("SELECT last_sequence FROM debate_progress WHERE debate_id = ?").param(debate).query(Long.class).single();
    }
}
