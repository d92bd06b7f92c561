package dev.ledger.command.history;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Builds the trees of debates stored before trees were kept, once, from their stored bytes: after start (Flyway has
 * run), in the background, a bounded batch of debates at a time, each in its own transaction under its head row's
 * lock (the same catch-up every append does, so a command meanwhile is no conflict). A debate asked for before the
 * backfill reaches it gets its tree then (DebateHistory). Their first checkpoint is signed when first asked for.
 */
@Component
class TreeBackfill {

    private static final Logger log = LoggerFactory.getLogger(TreeBackfill.class);
    private static final int BATCH = 100;

    private final JdbcTemplate jdbc;
    private final TreeHeads treeHeads;
    private final TransactionTemplate transactions;

    TreeBackfill(JdbcTemplate jdbc, TreeHeads treeHeads, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.treeHeads = treeHeads;
        this.transactions = transactions;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        Thread backfill = new Thread(this::run, "tree-backfill");
        backfill.setDaemon(true);
        backfill.start();
    }

    void run() {
        long started = System.nanoTime();
        long debates = 0;
        long events = 0;
        try {
            List<String> batch;
            String after = "";
            do {
                batch = jdbc.queryForList("SELECT DISTINCT d.aggregate_identifier FROM domain_event_entry d"
                        + " WHERE d.aggregate_identifier > ? AND NOT EXISTS (SELECT 1 FROM debate_tree_head h"
                        + " WHERE h.debate_id = d.aggregate_identifier) ORDER BY d.aggregate_identifier LIMIT ?",
                        String.class, after, BATCH);
                for (String debateId : batch) {
                    TreeHead head = transactions.execute(status -> treeHeads.catchUp(debateId));
                    debates++;
                    events += head.size();
                    after = debateId;
                }
            } while (batch.size() == BATCH);
        } catch (RuntimeException e) {
            log.warn("Building the trees of debates stored before verifiable history stopped after {} debates: {}"
                    + " (they are built when first asked for)", debates, e.toString());
            return;
        }
        if (debates > 0) {
            log.info("Built the Merkle trees of {} debates stored before verifiable history ({} events) in {} ms",
                    debates, events, (System.nanoTime() - started) / 1_000_000);
        }
    }
}
