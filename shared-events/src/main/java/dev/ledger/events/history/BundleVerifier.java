package dev.ledger.events.history;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks an export with nothing but the bundle (and, better, a verifier key obtained elsewhere): the checkpoint's
 * signature, every event's bytes and sequence, the recomputed root against the signed one, and with an older
 * checkpoint that the log only grew since (its root is the tree of the first m events; a consistency proof between
 * the two is generated and verified too).
 */
public final class BundleVerifier {

    private BundleVerifier() {
    }

    /** Reads the files and verifies; {@code keyFile} and {@code olderCheckpointFile} may be null. */
    public static VerificationResult verify(Path bundleFile, Path keyFile, Path olderCheckpointFile) {
        Bundle bundle;
        VerifierKey key = null;
        String older = null;
        try {
            bundle = Bundle.read(bundleFile);
        } catch (HistoryFormatException e) {
            return new VerificationResult.Unusable(bundleFile + ": " + e.getMessage());
        }
        try {
            if (keyFile != null) {
                key = VerifierKey.parse(readText(keyFile));
            }
        } catch (HistoryFormatException e) {
            return new VerificationResult.Unusable("key " + keyFile + ": " + e.getMessage());
        }
        try {
            if (olderCheckpointFile != null) {
                older = readText(olderCheckpointFile);
            }
        } catch (HistoryFormatException e) {
            return new VerificationResult.Unusable("older checkpoint " + olderCheckpointFile + ": " + e.getMessage());
        }
        return verify(bundle, key, older);
    }

    /**
     * Verifies a bundle. {@code trustedKey} null means the bundle's own verifier key is used (and a warning says
     * so); {@code olderCheckpoint} (a signed note by the same key) may be null.
     */
    public static VerificationResult verify(Bundle bundle, VerifierKey trustedKey, String olderCheckpoint) {
        List<String> warnings = new ArrayList<>();
        VerifierKey key;
        try {
            key = chooseKey(bundle, trustedKey, warnings);
        } catch (HistoryFormatException e) {
            return new VerificationResult.Unusable("verifier-key in the bundle: " + e.getMessage());
        }
        SignedNote note;
        Checkpoint checkpoint;
        try {
            note = SignedNote.parse(bundle.checkpoint());
            checkpoint = Checkpoint.of(note);
        } catch (HistoryFormatException e) {
            return new VerificationResult.Unusable("checkpoint in the bundle: " + e.getMessage());
        }
        VerificationResult result = verifyContents(bundle, key, note, checkpoint);
        if (result instanceof VerificationResult.Valid && olderCheckpoint != null) {
            result = verifyGrowth(bundle, key, checkpoint, olderCheckpoint, warnings);
        }
        return withWarnings(result, warnings);
    }

    private static VerificationResult verifyContents(Bundle bundle, VerifierKey key, SignedNote note, Checkpoint checkpoint) {
        String debateId = bundle.manifest().debateId();
        if (!note.isSignedBy(key)) {
            return invalid(Checkpoint.signatureFailure("checkpoint", note, key));
        }
        if (!checkpoint.origin().endsWith("/debates/" + debateId)) {
            return invalid("the checkpoint is for " + checkpoint.origin() + ", not for debate " + debateId);
        }
        List<LoggedEvent> events = new ArrayList<>();
        List<byte[]> lines = bundle.eventLines();
        for (int i = 0; i < lines.size(); i++) {
            LoggedEvent event;
            try {
                event = LoggedEvent.parse(lines.get(i));
            } catch (HistoryFormatException e) {
                return invalid("line " + (i + 1) + " of " + Bundle.EVENTS + " is not an event envelope: " + e.getMessage());
            }
            if (!event.isCanonicalForm(lines.get(i))) {
                return HistoryVerifier.invalid(event, "its line in " + Bundle.EVENTS
                        + " is not the canonical (RFC 8785) form of its envelope");
            }
            events.add(event);
        }
        List<byte[]> leafHashes = lines.stream().map(MerkleTree::leafHash).toList();
        VerificationResult result = HistoryVerifier.check(debateId, events, leafHashes, checkpoint.size(),
                checkpoint.rootHash(), recordedLeafHashes(bundle.manifest()));
        if (!(result instanceof VerificationResult.Valid)) {
            return result;
        }
        BundleManifest manifest = bundle.manifest();
        if (manifest.eventCount() != events.size() || manifest.treeSize() != checkpoint.size()
                || !manifest.rootHash().equals(checkpoint.rootHashHex()) || !manifest.origin().equals(checkpoint.origin())) {
            return invalid(Bundle.MANIFEST + " disagrees with the signed checkpoint (it says " + manifest.eventCount()
                    + " events, tree size " + manifest.treeSize() + ", root " + manifest.rootHash() + ", origin "
                    + manifest.origin() + "; the checkpoint: " + checkpoint.size() + ", " + checkpoint.rootHashHex()
                    + ", " + checkpoint.origin() + ")");
        }
        return new VerificationResult.Valid(debateId, checkpoint.size(), checkpoint.rootHashHex(), key.label(), List.of());
    }

    private static VerificationResult verifyGrowth(Bundle bundle, VerifierKey key, Checkpoint current,
                                                   String olderText, List<String> warnings) {
        SignedNote olderNote;
        Checkpoint older;
        try {
            olderNote = SignedNote.parse(olderText);
            older = Checkpoint.of(olderNote);
        } catch (HistoryFormatException e) {
            return new VerificationResult.Unusable("older checkpoint: " + e.getMessage());
        }
        if (!olderNote.isSignedBy(key)) {
            return invalid(Checkpoint.signatureFailure("the older checkpoint's", olderNote, key));
        }
        if (!older.origin().equals(current.origin())) {
            return invalid("the older checkpoint is for " + older.origin() + ", not " + current.origin());
        }
        if (older.size() > current.size()) {
            return invalid("the older checkpoint covers " + older.size() + " events, more than the "
                    + current.size() + " now: the log shrank");
        }
        List<byte[]> leafHashes = bundle.eventLines().stream().map(MerkleTree::leafHash).toList();
        byte[] prefixRoot = MerkleTree.root(leafHashes, older.size());
        if (!Arrays.equals(prefixRoot, older.rootHash())) {
            return invalid("the older checkpoint (size " + older.size() + ", root " + older.rootHashHex()
                    + ") is not a prefix of this log: its first " + older.size() + " events hash to "
                    + Sha256.hex(prefixRoot));
        }
        List<byte[]> proof = MerkleTree.consistencyProof(leafHashes, older.size(), current.size());
        if (!MerkleTree.verifyConsistency(older.size(), current.size(), older.rootHash(), current.rootHash(), proof)) {
            return invalid("the consistency proof from size " + older.size() + " to " + current.size() + " does not verify");
        }
        warnings.add("the log only grew since the older checkpoint (size " + older.size() + ", root "
                + older.rootHashHex() + ")");
        return new VerificationResult.Valid(bundle.manifest().debateId(), current.size(), current.rootHashHex(),
                key.label(), List.of());
    }

    private static VerifierKey chooseKey(Bundle bundle, VerifierKey trustedKey, List<String> warnings) {
        if (trustedKey != null) {
            try {
                VerifierKey own = VerifierKey.parse(bundle.verifierKey());
                if (!own.equals(trustedKey)) {
                    warnings.add("the bundle's own verifier-key is " + own.label() + ", not the given " + trustedKey.label());
                }
            } catch (HistoryFormatException e) {
                warnings.add("the bundle's own verifier-key is unreadable (" + e.getMessage() + "); the given key was used");
            }
            return trustedKey;
        }
        VerifierKey own = VerifierKey.parse(bundle.verifierKey());
        warnings.add("checked with the bundle's own key " + own.label() + ": that shows the bundle is intact, not who"
                + " wrote it; pass --key with the key the ledger publishes");
        return own;
    }

    /** The manifest's leaf hashes, or none if any is not a hash (they are only a hint, checked against the root). */
    private static List<byte[]> recordedLeafHashes(BundleManifest manifest) {
        try {
            return manifest.leafHashes().stream().map(Sha256::hashFromHex).toList();
        } catch (HistoryFormatException e) {
            return List.of();
        }
    }

    private static VerificationResult withWarnings(VerificationResult result, List<String> warnings) {
        if (result instanceof VerificationResult.Valid valid) {
            return new VerificationResult.Valid(valid.debateId(), valid.treeSize(), valid.rootHash(), valid.keyUsed(),
                    concat(warnings, valid.warnings()));
        }
        if (result instanceof VerificationResult.Invalid invalid) {
            return invalid.withWarnings(warnings);
        }
        return result;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static VerificationResult.Invalid invalid(String reason) {
        return new VerificationResult.Invalid(reason, null, null, List.of());
    }

    private static String readText(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new HistoryFormatException("no such file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HistoryFormatException("cannot read: " + e.getMessage(), e);
        }
    }
}
