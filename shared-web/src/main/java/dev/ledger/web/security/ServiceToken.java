package dev.ledger.web.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The secret both services share (LEDGER_SERVICE_TOKEN, property ledger.service-token): a request bearing it is
 * the service itself. Required: a service without one, or with one too short to resist guessing, does not start.
 */
public final class ServiceToken {

    public static final int MIN_LENGTH = 32;

    private final byte[] token;

    public ServiceToken(String configured) {
        if (configured == null || configured.strip().length() < MIN_LENGTH) {
            throw new IllegalStateException("LEDGER_SERVICE_TOKEN (property ledger.service-token) must be set to a secret of at"
                    + " least " + MIN_LENGTH + " characters, the same for the command-service and the query-service;"
                    + " ./ledger up generates one into $LEDGER_DATA/service-token");
        }
        this.token = configured.strip().getBytes(StandardCharsets.UTF_8);
    }

    /** Takes the same time whatever the first wrong byte, so the token cannot be guessed byte by byte. */
    public boolean matches(String presented) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
    }

    /** The token itself, for the service's own calls to the other service (a credential: never log it). */
    public String value() {
        return new String(token, StandardCharsets.UTF_8);
    }
}
