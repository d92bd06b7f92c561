package dev.ledger.events.history;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 note verifier key in the text form of Go's golang.org/x/mod/sumdb/note and C2SP signed-note:
 * {@code name+hex(key id)+base64(0x01 || public key)}.
 */
public final class VerifierKey {

    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410); the 32 key bytes follow it. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final String name;
    private final byte[] publicKey;
    private final int keyId;

    VerifierKey(String name, byte[] publicKey) {
        NoteKeys.checkName(name);
        if (publicKey.length != NoteKeys.ED25519_KEY_SIZE) {
            throw new HistoryFormatException("an Ed25519 public key has 32 bytes, this one " + publicKey.length);
        }
        this.name = name;
        this.publicKey = publicKey.clone();
        this.keyId = NoteKeys.keyId(name, publicKey);
    }

    /** Parses a verifier key line (surrounding whitespace ignored); a {@link HistoryFormatException} says what is wrong. */
    public static VerifierKey parse(String text) {
        String[] parts = text.strip().split("\\+", 3);
        if (parts.length != 3) {
            throw new HistoryFormatException("a verifier key reads name+keyid+key, not \"" + text.strip() + "\"");
        }
        byte[] typeAndKey = decodeBase64(parts[2], "verifier key");
        if (typeAndKey.length != 1 + NoteKeys.ED25519_KEY_SIZE || typeAndKey[0] != NoteKeys.ED25519) {
            throw new HistoryFormatException("the verifier key is not an Ed25519 key (type 0x01 and 32 bytes)");
        }
        VerifierKey key = new VerifierKey(parts[0], Arrays.copyOfRange(typeAndKey, 1, typeAndKey.length));
        if (NoteKeys.parseKeyId(parts[1]) != key.keyId) {
            throw new HistoryFormatException("the verifier key's id " + parts[1] + " does not match its name and key ("
                    + key.keyIdHex() + ")");
        }
        return key;
    }

    public String name() {
        return name;
    }

    public int keyId() {
        return keyId;
    }

    public String keyIdHex() {
        return NoteKeys.hex(keyId);
    }

    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** {@code name+keyid}: how messages name this key. */
    public String label() {
        return name + "+" + keyIdHex();
    }

    /** The verifier key line (without a newline). */
    public String format() {
        byte[] typeAndKey = new byte[1 + publicKey.length];
        typeAndKey[0] = NoteKeys.ED25519;
        System.arraycopy(publicKey, 0, typeAndKey, 1, publicKey.length);
        return label() + "+" + Base64.getEncoder().encodeToString(typeAndKey);
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(jdkKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    private PublicKey jdkKey() throws GeneralSecurityException {
        byte[] spki = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + publicKey.length);
        System.arraycopy(publicKey, 0, spki, SPKI_PREFIX.length, publicKey.length);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    }

    static byte[] decodeBase64(String text, String what) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException("the " + what + " is not base64: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerifierKey that && name.equals(that.name) && Arrays.equals(publicKey, that.publicKey);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return format();
    }
}
