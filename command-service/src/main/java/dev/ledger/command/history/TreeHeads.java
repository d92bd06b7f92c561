package dev.ledger.command.history;

import dev.ledger.command.storage.AppendedDebates;
import dev.ledger.command.storage.StoredEvent;
import dev.ledger.events.history.MerkleFrontier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each debate's Merkle tree head (debate_tree_head) and leaf hashes (debate_tree_leaf), brought up to the events
 * stored: by every append, in the appending transaction (as the storage engine's {@link AppendedDebates}), by an import, and once
 * for debates stored before trees were kept ({@link TreeBackfill}).
 * <p>
 * Every update first locks the debate's head row (creating it if need be) before reading or hashing past it, so two transactions
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

    /**
     * The normal case: the head stands just before the appended events, so their leaves are hashed from the bytes the
     * append stored, without reading them back (two statements per debate: lock the head, write leaves and head).
     * Otherwise (a debate stored before trees were kept whose backfill has not reached it yet) the tree catches up from
     * the stored rows, these events included.
     */
    @Override
    public void appended(List<StoredEvent> appended) {
        treeUpdate.record(() -> {
            Map<String, List<StoredEvent>> byDebate = new LinkedHashMap<>();
            appended.forEach(event -> byDebate.computeIfAbsent(event.debateId(), id -> new ArrayList<>()).add(event));
            byDebate.forEach((debateId, events) -> {
                MerkleFrontier frontier = lockedFrontier(debateId);
                if (firstOutOfPlace(frontier, events) >= 0) {
                    catchUp(debateId, frontier);
                    return;
                }
                grow(debateId, frontier, events);
            });
        });
    }

    /** The index of the first of {@code events} that is not the tree's next leaf in order, or -1 when all are. */
    private static int firstOutOfPlace(MerkleFrontier frontier, List<StoredEvent> events) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).sequence() != frontier.size() + 1 + i) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Hashes the debate's stored events that its tree does not hold yet and records the new head; must run inside the
     * transaction that wrote them. Returns the new head. Throws when the stored sequence has a gap (never written so).
     */
    public TreeHead catchUp(String debateId) {
        return catchUp(debateId, lockedFrontier(debateId));
    }

    private TreeHead catchUp(String debateId, MerkleFrontier locked) {
        MerkleFrontier frontier = locked;
        while (true) {
            List<StoredEvent> batch = events.read(debateId, frontier.size() + 1, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            int outOfPlace = firstOutOfPlace(frontier, batch);
            if (outOfPlace >= 0) {
                long missing = frontier.size() + 1 + outOfPlace;
                throw new IllegalStateException("debate " + debateId + " has no stored event " + missing + " before event "
                        + batch.get(outOfPlace).sequence() + "; its tree cannot grow past " + (missing - 1));
            }
            frontier = grow(debateId, frontier, batch);
            if (batch.size() < BATCH) {
                break;
            }
        }
        return new TreeHead(debateId, frontier.size(), frontier.root());
    }

    /**
     * Appends the events' leaves to the locked head and writes leaves and head in one statement (the UPDATE as a
     * data-modifying WITH, which PostgreSQL runs to completion whatever the INSERT does).
     */
    private MerkleFrontier grow(String debateId, MerkleFrontier locked, List<StoredEvent> batch) {
        MerkleFrontier frontier = locked;
        Object[] arguments = new Object[4 + 3 * batch.size()];
        StringBuilder sql = new StringBuilder("WITH head AS (UPDATE debate_tree_head SET tree_size = ?, root_hash = ?,"
                + " frontier = ?, updated_at = now() WHERE debate_id = ?)"
                + " INSERT INTO debate_tree_leaf (debate_id, sequence, leaf_hash) VALUES ");
        int argument = 4;
        for (StoredEvent event : batch) {
            byte[] leaf = event.leafHash();
            frontier = frontier.append(leaf);
            sql.append(argument == 4 ? "(?, ?, ?)" : ", (?, ?, ?)");
            arguments[argument++] = debateId;
            arguments[argument++] = event.sequence();
            arguments[argument++] = leaf;
        }
        arguments[0] = frontier.size();
        arguments[1] = frontier.root();
        arguments[2] = frontier.toBytes();
        arguments[3] = debateId;
        jdbc.update(sql.toString(), arguments);
        return frontier;
    }

    /**
     * Locks the debate's head row and returns its frontier, creating an empty head first for a debate that has none:
     * one statement either way (the no-op DO UPDATE takes the row lock as SELECT ... FOR UPDATE would).
     */
    private MerkleFrontier lockedFrontier(String debateId) {
        MerkleFrontier empty = MerkleFrontier.EMPTY;
        return jdbc.queryForObject("INSERT INTO debate_tree_head (debate_id, tree_size, root_hash, frontier) VALUES (?, 0, ?, ?)"
                        + " ON CONFLICT (debate_id) DO UPDATE SET updated_at = debate_tree_head.updated_at RETURNING frontier",
                (row, i) -> MerkleFrontier.fromBytes(row.getBytes(1)), debateId, empty.root(), empty.toBytes());
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
