package dev.ledger.events.history;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.Base64;

/**
 * An Ed25519 note signer key in the text form of Go's golang.org/x/mod/sumdb/note:
 * {@code PRIVATE+KEY+name+hex(key id)+base64(0x01 || 32-byte seed)}. Its {@code toString} never shows the seed.
 */
public final class SigningKey {

    private static final String PREFIX = "PRIVATE+KEY+";

    private final byte[] seed;
    private final PrivateKey privateKey;
    private final VerifierKey verifierKey;

    private SigningKey(String name, byte[] seed) {
        NoteKeys.checkName(name);
        if (seed.length != NoteKeys.ED25519_KEY_SIZE) {
            throw new HistoryFormatException("an Ed25519 seed has 32 bytes, this one " + seed.length);
        }
        this.seed = seed.clone();
        try {
            this.privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, this.seed));
            this.verifierKey = new VerifierKey(name, publicKeyOf(this.seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** A new random key under this name. */
    public static SigningKey generate(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            EdECPrivateKey key = (EdECPrivateKey) generator.generateKeyPair().getPrivate();
            return new SigningKey(name, key.getBytes().orElseThrow());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /** The key of this 32-byte RFC 8032 seed. */
    public static SigningKey fromSeed(String name, byte[] seed) {
        return new SigningKey(name, seed);
    }

    /** Parses a signer key line (surrounding whitespace ignored); a {@link HistoryFormatException} says what is wrong. */
    public static SigningKey parse(String text) {
        String line = text.strip();
        if (!line.startsWith(PREFIX)) {
            throw new HistoryFormatException("a signer key starts with " + PREFIX);
        }
        String[] parts = line.substring(PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) {
            throw new HistoryFormatException("a signer key reads PRIVATE+KEY+name+keyid+key");
        }
        byte[] typeAndSeed = VerifierKey.decodeBase64(parts[2], "signer key");
        if (typeAndSeed.length != 1 + NoteKeys.ED25519_KEY_SIZE || typeAndSeed[0] != NoteKeys.ED25519) {
            throw new HistoryFormatException("the signer key is not an Ed25519 key (type 0x01 and 32 bytes)");
        }
        SigningKey key = new SigningKey(parts[0], Arrays.copyOfRange(typeAndSeed, 1, typeAndSeed.length));
        if (NoteKeys.parseKeyId(parts[1]) != key.verifierKey.keyId()) {
            throw new HistoryFormatException("the signer key's id " + parts[1] + " does not match its name and key");
        }
        return key;
    }

    public String name() {
        return verifierKey.name();
    }

    public VerifierKey verifierKey() {
        return verifierKey;
    }

    /** The signer key line (without a newline): a secret, store it with mode 600. */
    public String format() {
        byte[] typeAndSeed = new byte[1 + seed.length];
        typeAndSeed[0] = NoteKeys.ED25519;
        System.arraycopy(seed, 0, typeAndSeed, 1, seed.length);
        return PREFIX + verifierKey.label() + "+" + Base64.getEncoder().encodeToString(typeAndSeed);
    }

    /** The Ed25519 signature of {@code message} (64 bytes). */
    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    /**
     * The public key of a seed. The JDK derives it only while generating a pair, drawing the seed from the random
     * source it is given, so it is handed a source that yields exactly this seed.
     */
    private static byte[] publicKeyOf(byte[] seed) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        generator.initialize(NamedParameterSpec.ED25519, new SeedSource(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] encoded = pair.getPublic().getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - NoteKeys.ED25519_KEY_SIZE, encoded.length);
    }

    @Override
    public String toString() {
        return "SigningKey[" + verifierKey.label() + "]";
    }

    private static final class SeedSource extends SecureRandom {
        private final byte[] seed;

        SeedSource(byte[] seed) {
            this.seed = seed;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            if (bytes.length != seed.length) {
                throw new IllegalStateException("the JDK asked for " + bytes.length + " random bytes, not a 32-byte seed");
            }
            System.arraycopy(seed, 0, bytes, 0, bytes.length);
        }
    }
}
