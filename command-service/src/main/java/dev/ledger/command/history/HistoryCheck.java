package dev.ledger.command.history;

import dev.ledger.command.storage.StoredEvent;
import dev.ledger.events.history.HistoryVerifier;
import dev.ledger.events.history.LoggedEvent;
import dev.ledger.events.history.Sha256;
import dev.ledger.events.history.VerificationResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The admin check of the live event store: recomputes every leaf of a debate from its stored rows and checks them,
 * in order, against the leaf hashes recorded at write time and the recorded tree head (the library's
 * HistoryVerifier, as for an export), in one snapshot of the database so that a concurrent append is no fault.
 * Names the first event at fault and why: a changed payload byte, a missing event, events out of order, a head that
 * differs from its leaves.
 */
@Component
class HistoryCheck {

    private final JdbcTemplate jdbc;
    private final StoredEvents storedEvents;
    private final TreeHeads treeHeads;
    private final TransactionTemplate snapshot;

    HistoryCheck(JdbcTemplate jdbc, StoredEvents storedEvents, TreeHeads treeHeads, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.storedEvents = storedEvents;
        this.treeHeads = treeHeads;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    /** One debate's outcome; {@code sequence} and {@code eventId} name the first event at fault, if one is. */
    record DebateCheck(String debateId, boolean valid, long treeSize, String rootHash, String message, Long sequence,
                       String eventId) {
    }

    record ChecksPage(List<DebateCheck> debates, String next) {
    }

    /** The check of one debate; empty if the event store does not hold it. */
    Optional<DebateCheck> check(String debateId) {
        return Optional.ofNullable(snapshot.execute(status -> checkInSnapshot(debateId)));
    }

    /** The checks of the debates whose ids sort after {@code after} (all when null), {@code limit} at most. */
    ChecksPage checkAll(String after, int limit) {
        List<String> debates = jdbc.queryForList("SELECT DISTINCT aggregate_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier > ? ORDER BY aggregate_identifier LIMIT ?", String.class,
                after == null ? "" : after, limit + 1);
        List<DebateCheck> checks = new ArrayList<>();
        for (String debateId : debates.subList(0, Math.min(limit, debates.size()))) {
            check(debateId).ifPresent(checks::add);
        }
        return new ChecksPage(checks, debates.size() > limit ? debates.get(limit - 1) : null);
    }

    private DebateCheck checkInSnapshot(String debateId) {
        long stored = storedEvents.count(debateId);
        Optional<TreeHead> head = treeHeads.head(debateId);
        if (stored == 0 && head.isEmpty()) {
            return null;
        }
        if (head.isEmpty()) {
            return new DebateCheck(debateId, false, 0, null, "the debate has " + stored + " stored events but no tree head"
                    + " (its tree is built when first asked for, or by the backfill at start)", null, null);
        }
        TreeHead treeHead = head.get();
        List<StoredEvent> rows = storedEvents.read(debateId, 1, Integer.MAX_VALUE);
        List<LoggedEvent> events = new ArrayList<>(rows.size());
        for (StoredEvent row : rows) {
            try {
                events.add(row.logged());
            } catch (RuntimeException e) {
                return new DebateCheck(debateId, false, treeHead.size(), Sha256.hex(treeHead.rootHash()), "event "
                        + row.sequence() + " (eventId " + row.eventId() + "): the stored row is no readable ledger event: "
                        + e.getMessage(), row.sequence(), row.eventId());
            }
        }
        List<byte[]> recorded = treeHeads.leaves(debateId, Long.MAX_VALUE);
        VerificationResult result = HistoryVerifier.verifyEvents(debateId, events, treeHead.size(), treeHead.rootHash(),
                recorded);
        Long sequence = result instanceof VerificationResult.Invalid invalid ? invalid.sequence() : null;
        String eventId = result instanceof VerificationResult.Invalid invalid ? invalid.eventId() : null;
        String message = result.message();
        if (result.isValid() && recorded.size() != treeHead.size()) {
            return new DebateCheck(debateId, false, treeHead.size(), Sha256.hex(treeHead.rootHash()), "the tree head says "
                    + treeHead.size() + " events, " + recorded.size() + " leaf hashes are recorded", null, null);
        }
        return new DebateCheck(debateId, result.isValid(), treeHead.size(), Sha256.hex(treeHead.rootHash()), message,
                sequence, eventId);
    }
}
