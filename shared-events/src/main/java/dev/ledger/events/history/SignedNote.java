package dev.ledger.events.history;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A C2SP signed note: a text ending in a newline, a blank line, then signature lines
 * {@code — <key name> base64(4-byte key id || signature)}. Parsing follows Go's golang.org/x/mod/sumdb/note
 * (valid UTF-8, no control characters but newline, split at the last blank line, at most 100 signatures).
 */
public record SignedNote(String text, List<NoteSignature> signatures) {

    private static final String SIGNATURE_PREFIX = "\u2014 ";
    private static final int MAX_SIGNATURES = 100;

    /** One signature line. */
    public record NoteSignature(String keyName, int keyId, byte[] signature) {

        public NoteSignature {
            NoteKeys.checkName(keyName);
            signature = signature.clone();
        }

        /** {@code name+keyid}, as a verifier key starts. */
        public String label() {
            return keyName + "+" + NoteKeys.hex(keyId);
        }

        String line() {
            byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
            return SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(blob) + "\n";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NoteSignature that && keyName.equals(that.keyName) && keyId == that.keyId
                    && Arrays.equals(signature, that.signature);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * keyName.hashCode() + keyId) + Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "NoteSignature[" + label() + "]";
        }
    }

    public SignedNote {
        checkText(text);
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty()) {
            throw new HistoryFormatException("a signed note has at least one signature");
        }
    }

    /** Signs {@code text} (non-empty, ending in a newline, no blank line) with {@code key}. */
    public static SignedNote sign(String text, SigningKey key) {
        checkText(text);
        if (text.contains("\n\n")) {
            throw new IllegalArgumentException("a note text must not contain a blank line");
        }
        byte[] signature = key.sign(text.getBytes(StandardCharsets.UTF_8));
        return new SignedNote(text, List.of(new NoteSignature(key.name(), key.verifierKey().keyId(), signature)));
    }

    /** Parses a signed note strictly; a {@link HistoryFormatException} names what is wrong. */
    public static SignedNote parse(byte[] bytes) {
        String message;
        try {
            message = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new HistoryFormatException("the note is not valid UTF-8", e);
        }
        return parse(message);
    }

    public static SignedNote parse(String message) {
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 && c != '\n') {
                throw new HistoryFormatException("the note contains a control character (0x"
                        + Integer.toHexString(c) + ") at offset " + i);
            }
        }
        int split = message.lastIndexOf("\n\n");
        if (split < 0) {
            throw new HistoryFormatException("the note has no blank line before its signatures");
        }
        String text = message.substring(0, split + 1);
        String block = message.substring(split + 2);
        if (block.isEmpty() || !block.endsWith("\n")) {
            throw new HistoryFormatException("the note's signature lines must end with a newline");
        }
        String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new HistoryFormatException("the note has more than " + MAX_SIGNATURES + " signatures");
        }
        List<NoteSignature> signatures = new ArrayList<>();
        for (String line : lines) {
            signatures.add(parseSignature(line));
        }
        return new SignedNote(text, signatures);
    }

    /** The note as it is written: text, blank line, signature lines. */
    public String format() {
        return text + "\n" + signatures.stream().map(NoteSignature::line).collect(Collectors.joining());
    }

    /**
     * Whether the note carries a valid signature of {@code key}. As in Go's note.Open, the first signature line with
     * the key's name and id decides; lines of other keys are ignored.
     */
    public boolean isSignedBy(VerifierKey key) {
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        return signatures.stream()
                .filter(s -> s.keyName().equals(key.name()) && s.keyId() == key.keyId())
                .findFirst()
                .map(s -> key.verify(message, s.signature()))
                .orElse(false);
    }

    /** The {@code name+keyid} of every signature line, comma-separated: for messages. */
    public String signerLabels() {
        return signatures.stream().map(NoteSignature::label).collect(Collectors.joining(", "));
    }

    private static NoteSignature parseSignature(String line) {
        if (!line.startsWith(SIGNATURE_PREFIX)) {
            throw new HistoryFormatException("a signature line starts with an em dash and a space: \"" + line + "\"");
        }
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) {
            throw new HistoryFormatException("a signature line reads \u2014 name signature: \"" + line + "\"");
        }
        String name = rest.substring(0, space);
        byte[] blob = VerifierKey.decodeBase64(rest.substring(space + 1), "signature");
        if (blob.length < 5) {
            throw new HistoryFormatException("the signature of " + name + " is too short");
        }
        ByteBuffer buffer = ByteBuffer.wrap(blob);
        int keyId = buffer.getInt();
        byte[] signature = new byte[buffer.remaining()];
        buffer.get(signature);
        return new NoteSignature(name, keyId, signature);
    }

    private static void checkText(String text) {
        if (text == null || text.isEmpty() || !text.endsWith("\n")) {
            throw new HistoryFormatException("a note text is not empty and ends with a newline");
        }
    }
}
