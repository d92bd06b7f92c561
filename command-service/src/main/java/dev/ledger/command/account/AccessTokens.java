package dev.ledger.command.account;

import dev.ledger.web.security.AccountTokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** New account tokens ({@code ldg_} + 256 random bits, base64url) and the hash that is all the database keeps. */
final class AccessTokens {

    private static final int RANDOM_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AccessTokens() {
    }

    static String generate() {
        byte[] random = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(random);
        return AccountTokens.PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** SHA-256: the tokens are random, so a plain hash cannot be reversed and needs no salt or slow hashing. */
    static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
