package dev.ledger.events.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** What the signed-note key formats share: key names, key ids and the Ed25519 type byte. */
final class NoteKeys {

    /** The signature type of Ed25519 in C2SP signed-note. */
    static final byte ED25519 = 0x01;

    static final int ED25519_KEY_SIZE = 32;

    private NoteKeys() {
    }

    /** A key name: non-empty, no '+', no whitespace (Go's golang.org/x/mod/sumdb/note rule). */
    static void checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new HistoryFormatException("a key name must not be empty");
        }
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '+' || Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                throw new HistoryFormatException("a key name must contain neither '+' nor spaces: \"" + name + "\"");
            }
            i += Character.charCount(cp);
        }
    }

    /** The key id: the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), big-endian. */
    static int keyId(String name, byte[] publicKey) {
        byte[] hash = Sha256.of(name.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', ED25519}, publicKey);
        return ByteBuffer.wrap(hash, 0, 4).getInt();
    }

    static String hex(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    /** Parses the 8 hex digits of a key id. */
    static int parseKeyId(String hex) {
        if (hex.length() != 8 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new HistoryFormatException("a key id is 8 lower-case hex digits, not \"" + hex + "\"");
        }
        return (int) Long.parseLong(hex, 16);
    }
}
