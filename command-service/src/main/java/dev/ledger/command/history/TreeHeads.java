package dev.ledger.command.history;

import dev.ledger.command.storage.AppendedDebates;
import dev.ledger.events.history.MerkleFrontier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Each debate's Merkle tree head (debate_tree_head) and leaf hashes (debate_tree_leaf), brought up to the events
 * stored: by every append, in the appending transaction (as the storage engine's {@link AppendedDebates}), by an import, and once
 * for debates stored before trees were kept ({@link TreeBackfill}).
 * <p>
 * {@link #catchUp} locks the debate's head row (FOR UPDATE) before reading the events past it, so two transactions
 * bringing one debate up to date take turns, whatever instance they run on; the second then sees the first's leaves.
 * Appends to one debate are serialized anyway (DebateAdmission and Axon's lock per instance, the unique
 * (aggregate_identifier, sequence_number) across instances), so the lock only waits when a backfill or an import
 * meets a command.
 */
@Component
public class TreeHeads implements AppendedDebates {

    /** Events hashed per round trip while catching up a long debate. */
    static final int BATCH = 1000;

    private final JdbcTemplate jdbc;
    private final StoredEvents events;
    /** What keeping the trees adds to each append (ledger_history_tree_update_seconds). */
    private final Timer treeUpdate;

    TreeHeads(JdbcTemplate jdbc, StoredEvents events, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.events = events;
        this.treeUpdate = Timer.builder("ledger.history.tree.update")
                .description("Time an append spends bringing its debate's Merkle tree up to date, in its transaction")
                .register(meters);
    }

    @Override
    public void appended(Set<String> debateIds) {
        treeUpdate.record(() -> debateIds.forEach(this::catchUp));
    }

    /**
     * Hashes the debate's stored events that its tree does not hold yet and records the new head; must run inside the
     * transaction that wrote them. Returns the new head. Throws when the stored sequence has a gap (never written so).
     */
    public TreeHead catchUp(String debateId) {
        MerkleFrontier frontier = lockedFrontier(debateId).orElseGet(() -> {
            MerkleFrontier empty = MerkleFrontier.EMPTY;
            jdbc.update("INSERT INTO debate_tree_head (debate_id, tree_size, root_hash, frontier) VALUES (?, 0, ?, ?)"
                    + " ON CONFLICT (debate_id) DO NOTHING", debateId, empty.root(), empty.toBytes());
            return lockedFrontier(debateId).orElseThrow();
        });
        long before = frontier.size();
        while (true) {
            List<StoredEvent> batch = events.read(debateId, frontier.size() + 1, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            List<Object[]> leaves = new ArrayList<>(batch.size());
            for (StoredEvent event : batch) {
                if (event.sequence() != frontier.size() + 1) {
                    throw new IllegalStateException("debate " + debateId + " has no stored event " + (frontier.size() + 1)
                            + " before event " + event.sequence() + "; its tree cannot grow past " + frontier.size());
                }
                byte[] leaf = event.logged().leafHash();
                frontier = frontier.append(leaf);
                leaves.add(new Object[]{debateId, event.sequence(), leaf});
            }
            jdbc.batchUpdate("INSERT INTO debate_tree_leaf (debate_id, sequence, leaf_hash) VALUES (?, ?, ?)", leaves);
            if (batch.size() < BATCH) {
                break;
            }
        }
        byte[] root = frontier.root();
        if (frontier.size() != before) {
            jdbc.update("UPDATE debate_tree_head SET tree_size = ?, root_hash = ?, frontier = ?, updated_at = now()"
                    + " WHERE debate_id = ?", frontier.size(), root, frontier.toBytes(), debateId);
        }
        return new TreeHead(debateId, frontier.size(), root);
    }

    private Optional<MerkleFrontier> lockedFrontier(String debateId) {
        return jdbc.query("SELECT frontier FROM debate_tree_head WHERE debate_id = ? FOR UPDATE",
                (row, i) -> MerkleFrontier.fromBytes(row.getBytes(1)), debateId).stream().findFirst();
    }

    /** The debate's recorded head, if its tree is kept (every debate with events once the backfill ran). */
    public Optional<TreeHead> head(String debateId) {
        return jdbc.query("SELECT tree_size, root_hash FROM debate_tree_head WHERE debate_id = ?",
                (row, i) -> new TreeHead(debateId, row.getLong(1), row.getBytes(2)), debateId).stream().findFirst();
    }

    /** The leaf hashes of events 1..{@code size}, in order. */
    List<byte[]> leaves(String debateId, long size) {
        return jdbc.query("SELECT leaf_hash FROM debate_tree_leaf WHERE debate_id = ? AND sequence <= ? ORDER BY sequence",
                (row, i) -> row.getBytes(1), debateId, size);
    }
}
