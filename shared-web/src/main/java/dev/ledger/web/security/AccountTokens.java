package dev.ledger.web.security;

/**
 * What both services agree on about account tokens: their prefix, and the claims of the command-service's
 * introspection answer (RFC 7662: active, sub, name, and ledger_admin) that become a {@link Caller}.
 */
public final class AccountTokens {

    /** Every account token starts with this; other bearer tokens are not looked up at all. */
    public static final String PREFIX = "ldg_";
    public static final String HANDLE_CLAIM = "sub";
    public static final String NAME_CLAIM = "name";
    public static final String ADMIN_CLAIM = "ledger_admin";

    private AccountTokens() {
    }

    public static boolean looksLikeOne(String token) {
        return token.startsWith(PREFIX);
    }
}
