package dev.ledger.command.idempotency;

import dev.ledger.command.problem.DomainException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A request's Idempotency-Key, the namespace it lives in ({@code scope}) and the fingerprint of that request
 * (method, path and canonical JSON body): the same key in the same scope with another fingerprint is a different
 * request reusing the key.
 */
public record IdempotencyKey(String scope, String value, String fingerprint) {

    public static final String HEADER = "Idempotency-Key";

    /**
     * @param scope         the namespace of the key: the calling account's handle, so two accounts never share a key
     * @param header        the header value
     * @param request       method and path, e.g. "POST /debates/x/claims"
     * @param canonicalBody the request body written back as JSON by the server's own mapper
     */
    public static IdempotencyKey of(String scope, String header, String request, String canonicalBody) {
        if (header.isEmpty() || header.length() > 200 || !header.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new DomainException.Invalid(HEADER, "must be 1 to 200 printable ASCII characters");
        }
        return new IdempotencyKey(scope, header, sha256(request + "\n" + canonicalBody));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
