package dev.ledger.events.history;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a debate's events against a tree head: sequences 1..n without gaps, one debate id, every leaf recomputed
 * and the root compared. Used on an export's events by {@link BundleVerifier} and on the live event store by the
 * command-service's admin check; the first fault is named with its event's sequence and id.
 */
public final class HistoryVerifier {

    private HistoryVerifier() {
    }

    /** Checks {@code events} (in stored order) against the tree of {@code treeSize} leaves with {@code rootHash}. */
    public static VerificationResult verifyEvents(String debateId, List<LoggedEvent> events, long treeSize, byte[] rootHash) {
        return verifyEvents(debateId, events, treeSize, rootHash, List.of());
    }

    /**
     * As {@link #verifyEvents(String, List, long, byte[])}; {@code recordedLeafHashes}, when not empty, are leaf
     * hashes recorded at write time. They are trusted only if they hash to {@code rootHash}; then a root mismatch
     * names the first event whose recomputed leaf differs from the recorded one.
     */
    public static VerificationResult verifyEvents(String debateId, List<LoggedEvent> events, long treeSize,
                                                  byte[] rootHash, List<byte[]> recordedLeafHashes) {
        List<byte[]> leafHashes = events.stream().map(LoggedEvent::leafHash).toList();
        return check(debateId, events, leafHashes, treeSize, rootHash, recordedLeafHashes);
    }

    /** The check over events whose leaf hashes are already computed (from the exact bytes that were hashed). */
    static VerificationResult check(String debateId, List<LoggedEvent> events, List<byte[]> leafHashes, long treeSize,
                                    byte[] rootHash, List<byte[]> recordedLeafHashes) {
        VerificationResult.Invalid orderFault = orderFault(debateId, events);
        if (orderFault != null) {
            return orderFault;
        }
        if (events.size() < treeSize) {
            long missing = events.size() + 1;
            return new VerificationResult.Invalid("sequence " + missing + " is missing: the checkpoint covers "
                    + treeSize + " events, there are " + events.size(), missing, null, List.of());
        }
        if (events.size() > treeSize) {
            LoggedEvent extra = events.get((int) treeSize);
            return invalid(extra, "not covered by the checkpoint, which covers " + treeSize + " events");
        }
        byte[] computed = MerkleTree.root(leafHashes);
        if (Arrays.equals(computed, rootHash)) {
            return new VerificationResult.Valid(debateId, treeSize, Sha256.hex(rootHash), null, List.of());
        }
        if (recordedLeafHashes.size() == leafHashes.size()
                && Arrays.equals(MerkleTree.root(recordedLeafHashes), rootHash)) {
            for (int i = 0; i < leafHashes.size(); i++) {
                if (!Arrays.equals(leafHashes.get(i), recordedLeafHashes.get(i))) {
                    return invalid(events.get(i), "leaf hash " + Sha256.hex(leafHashes.get(i))
                            + " does not match the checkpoint root (the signed tree has "
                            + Sha256.hex(recordedLeafHashes.get(i)) + " there)");
                }
            }
        }
        return new VerificationResult.Invalid("the events hash to root " + Sha256.hex(computed)
                + ", not to the checkpoint root " + Sha256.hex(rootHash)
                + " (no trusted leaf hashes to tell which event changed)", null, null, List.of());
    }

    /** The first event out of place: another debate, a gap, a swap or a repeat; null when sequences are 1..n. */
    private static VerificationResult.Invalid orderFault(String debateId, List<LoggedEvent> events) {
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < events.size(); i++) {
            LoggedEvent event = events.get(i);
            long expected = i + 1L;
            if (!event.debateId().equals(debateId)) {
                return invalid(event, "belongs to debate " + event.debateId() + ", not " + debateId);
            }
            if (event.sequence() == expected) {
                seen.add(expected);
                continue;
            }
            if (seen.contains(event.sequence())) {
                return invalid(event, "repeats sequence " + event.sequence());
            }
            boolean expectedComesLater = events.subList(i + 1, events.size()).stream()
                    .anyMatch(later -> later.sequence() == expected);
            if (expectedComesLater) {
                return new VerificationResult.Invalid("events " + expected + " and " + event.sequence()
                        + " are out of order (event " + event.sequence() + " (eventId " + event.eventId()
                        + ") stands where " + expected + " belongs)", expected, event.eventId(), List.of());
            }
            return new VerificationResult.Invalid("sequence " + expected + " is missing (the next event is "
                    + event.sequence() + ", eventId " + event.eventId() + ")", expected, null, List.of());
        }
        return null;
    }

    static VerificationResult.Invalid invalid(LoggedEvent event, String what) {
        return new VerificationResult.Invalid("event " + event.sequence() + " (eventId " + event.eventId() + "): " + what,
                event.sequence(), event.eventId(), List.of());
    }
}
