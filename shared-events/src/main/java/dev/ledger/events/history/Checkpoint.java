package dev.ledger.events.history;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP tlog-checkpoint: the body {@code origin\nsize\nbase64(root hash)\n} (optional extension lines after it are
 * kept), signed as a {@link SignedNote}. The ledger's origin for a debate is {@code <ledger name>/debates/<debateId>}.
 */
public record Checkpoint(String origin, long size, byte[] rootHash, List<String> extensions) {

    /** The ledger name used when none is configured: the same on every host. */
    public static final String DEFAULT_LEDGER_NAME = "ledger.local";

    public Checkpoint {
        if (origin == null || origin.isEmpty() || origin.contains("\n")) {
            throw new IllegalArgumentException("a checkpoint origin is one non-empty line");
        }
        if (size < 0) {
            throw new IllegalArgumentException("a tree size is 0 or more, was " + size);
        }
        if (rootHash == null || rootHash.length != Sha256.SIZE) {
            throw new IllegalArgumentException("a root hash has " + Sha256.SIZE + " bytes");
        }
        rootHash = rootHash.clone();
        extensions = List.copyOf(extensions);
        for (String extension : extensions) {
            if (extension.isEmpty() || extension.contains("\n")) {
                throw new IllegalArgumentException("an extension line is one non-empty line");
            }
        }
    }

    public Checkpoint(String origin, long size, byte[] rootHash) {
        this(origin, size, rootHash, List.of());
    }

    /** {@code <ledger name>/debates/<debateId>}. */
    public static String origin(String ledgerName, String debateId) {
        return ledgerName + "/debates/" + debateId;
    }

    @Override
    public byte[] rootHash() {
        return rootHash.clone();
    }

    public String rootHashHex() {
        return Sha256.hex(rootHash);
    }

    /** The note text: origin, size, base64 root, extensions, each ending in a newline. */
    public String body() {
        StringBuilder body = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(rootHash)).append('\n');
        extensions.forEach(extension -> body.append(extension).append('\n'));
        return body.toString();
    }

    /** The signed note of this checkpoint, as served and as an export's {@code checkpoint} file holds it. */
    public String sign(SigningKey key) {
        return SignedNote.sign(body(), key).format();
    }

    /** Reads a checkpoint from a note's text; a {@link HistoryFormatException} names what is wrong. */
    public static Checkpoint parseBody(String text) {
        if (!text.endsWith("\n")) {
            throw new HistoryFormatException("a checkpoint body ends with a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 3) {
            throw new HistoryFormatException("a checkpoint has an origin, a size and a root hash line");
        }
        if (lines[0].isEmpty()) {
            throw new HistoryFormatException("the checkpoint's origin line is empty");
        }
        if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
            throw new HistoryFormatException("the checkpoint's size \"" + lines[1] + "\" is not a decimal number");
        }
        long size;
        try {
            size = Long.parseLong(lines[1]);
        } catch (NumberFormatException e) {
            throw new HistoryFormatException("the checkpoint's size \"" + lines[1] + "\" is too large", e);
        }
        byte[] root = VerifierKey.decodeBase64(lines[2], "checkpoint's root hash");
        if (root.length != Sha256.SIZE) {
            throw new HistoryFormatException("the checkpoint's root hash has " + root.length + " bytes, not 32");
        }
        List<String> extensions = Arrays.asList(lines).subList(3, lines.length);
        if (extensions.stream().anyMatch(String::isEmpty)) {
            throw new HistoryFormatException("the checkpoint has an empty extension line");
        }
        return new Checkpoint(lines[0], size, root, extensions);
    }

    /**
     * The checkpoint of a signed note that {@code key} signed: a {@link HistoryFormatException} for a malformed
     * note or body, a {@link NoteVerificationException} naming the key when its signature is missing or wrong.
     */
    public static Checkpoint open(String signedNote, VerifierKey key) {
        SignedNote note = SignedNote.parse(signedNote);
        if (!note.isSignedBy(key)) {
            throw new NoteVerificationException(signatureFailure("checkpoint", note, key));
        }
        return of(note);
    }

    /** "<what> signature does not verify with key name+keyid (...signed by ...)": the one wording of this fault. */
    static String signatureFailure(String what, SignedNote note, VerifierKey key) {
        return what + " signature does not verify with key " + key.label() + " (the note carries signatures of "
                + note.signerLabels() + ")";
    }

    /** The checkpoint of a signed note, without checking the signature (see {@link SignedNote#isSignedBy}). */
    public static Checkpoint of(SignedNote note) {
        return parseBody(note.text());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Checkpoint that && origin.equals(that.origin) && size == that.size
                && Arrays.equals(rootHash, that.rootHash) && extensions.equals(that.extensions);
    }

    @Override
    public int hashCode() {
        return ((origin.hashCode() * 31 + Long.hashCode(size)) * 31 + Arrays.hashCode(rootHash)) * 31 + extensions.hashCode();
    }

    @Override
    public String toString() {
        return "Checkpoint[" + origin + ", size=" + size + ", root=" + rootHashHex() + "]";
    }
}
