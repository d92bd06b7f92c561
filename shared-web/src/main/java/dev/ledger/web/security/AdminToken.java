package dev.ledger.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The service's admin bearer token (LEDGER_ADMIN_TOKEN); blank means the admin endpoints are off. */
public final class AdminToken {

    private final byte[] token;

    public AdminToken(String configured) {
        this.token = configured == null || configured.isBlank() ? null : configured.getBytes(StandardCharsets.UTF_8);
    }

    public boolean configured() {
        return token != null;
    }

    /** Takes the same time whatever the first wrong byte, so the token cannot be guessed byte by byte. */
    public boolean matches(String presented) {
        return token != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }
}
