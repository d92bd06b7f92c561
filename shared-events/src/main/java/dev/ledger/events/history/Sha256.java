package dev.ledger.events.history;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and the lower-case hex form every hash of the verifiable history is shown in. */
public final class Sha256 {

    public static final int SIZE = 32;

    private static final HexFormat HEX = HexFormat.of();

    private Sha256() {
    }

    /** SHA-256 of the concatenation of the parts. */
    public static byte[] of(byte[]... parts) {
        MessageDigest digest = newDigest();
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    /** Bytes from hex; a {@link HistoryFormatException} for anything but an even number of hex digits. */
    public static byte[] fromHex(String hex) {
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException("not hex: " + e.getMessage(), e);
        }
    }

    /** A 32-byte hash from its hex form. */
    public static byte[] hashFromHex(String hex) {
        byte[] hash = fromHex(hex);
        if (hash.length != SIZE) {
            throw new HistoryFormatException("a SHA-256 hash has " + SIZE + " bytes, this one " + hash.length);
        }
        return hash;
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
