package dev.ledger.command.history;

import dev.ledger.command.storage.StoredEvent;
import dev.ledger.events.history.Bundle;
import dev.ledger.events.history.LoggedEvent;
import dev.ledger.events.history.MerkleTree;
import dev.ledger.web.problem.InvalidRequestException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/** A debate's tree head and its RFC 9162 proofs, from the stored leaf hashes. */
@Component
class DebateHistory {

    private static final HexFormat HEX = HexFormat.of();

    private final TreeHeads treeHeads;
    private final StoredEvents storedEvents;
    private final LedgerSigner signer;
    private final TransactionTemplate transactions;

    DebateHistory(TreeHeads treeHeads, StoredEvents storedEvents, LedgerSigner signer, TransactionTemplate transactions) {
        this.treeHeads = treeHeads;
        this.storedEvents = storedEvents;
        this.signer = signer;
        this.transactions = transactions;
    }

    record InclusionProof(String debateId, long sequence, long leafIndex, long treeSize, String leafHash, String rootHash,
                          List<String> path) {
    }

    record ConsistencyProof(String debateId, long from, long to, String fromRoot, String toRoot, List<String> path) {
    }

    /**
     * The debate's current head. A debate stored before trees were kept and not reached by the backfill yet gets its
     * tree built now (in its own transaction, under the head row's lock like every other catch-up).
     */
    TreeHead head(String debateId) {
        return treeHeads.head(debateId).orElseGet(() -> transactions.execute(status -> treeHeads.catchUp(debateId)));
    }

    /**
     * The debate's export: its events as stored, up to the current head (later appends are not in it), with the
     * head's signed checkpoint and the verifier key.
     */
    Bundle export(String debateId) {
        TreeHead head = head(debateId);
        List<LoggedEvent> events = storedEvents.read(debateId, 1, (int) head.size()).stream().map(StoredEvent::logged).toList();
        return Bundle.of(events, signer.signedCheckpoint(head), signer.verifierKey(), Instant.now());
    }

    /** That event {@code sequence} is leaf {@code sequence - 1} of the tree of the first {@code treeSize} events. */
    InclusionProof inclusion(String debateId, long sequence, Long treeSize) {
        long size = sizeAsked(debateId, treeSize, "treeSize");
        if (sequence > size) {
            throw new InvalidRequestException("sequence", "must be at most the tree size " + size + ", was " + sequence);
        }
        List<byte[]> leaves = treeHeads.leaves(debateId, size);
        long index = sequence - 1;
        return new InclusionProof(debateId, sequence, index, size, HEX.formatHex(leaves.get((int) index)),
                HEX.formatHex(MerkleTree.root(leaves, size)), hex(MerkleTree.inclusionProof(leaves, index, size)));
    }

    /** That the tree of the first {@code from} events is a prefix of the tree of the first {@code to}. */
    ConsistencyProof consistency(String debateId, long from, Long to) {
        long toSize = sizeAsked(debateId, to, "to");
        if (from > toSize) {
            throw new InvalidRequestException("from", "must be at most to (" + toSize + "), was " + from);
        }
        List<byte[]> leaves = treeHeads.leaves(debateId, toSize);
        return new ConsistencyProof(debateId, from, toSize, HEX.formatHex(MerkleTree.root(leaves, from)),
                HEX.formatHex(MerkleTree.root(leaves, toSize)), hex(MerkleTree.consistencyProof(leaves, from, toSize)));
    }

    /** The tree size a request names (the current one when absent): 1 to the current size. */
    private long sizeAsked(String debateId, Long asked, String parameter) {
        long current = head(debateId).size();
        if (asked == null) {
            return current;
        }
        if (asked > current) {
            throw new InvalidRequestException(parameter, "must be at most the debate's tree size " + current + ", was " + asked);
        }
        return asked;
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(HEX::formatHex).toList();
    }
}
