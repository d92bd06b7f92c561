package dev.ledger.web.security;

/** The roles an authenticated request can hold (Spring authorities ROLE_...). */
public final class Roles {

    /** The service token: the other service or the operator's tools; allowed on /admin/** and the actuator. */
    public static final String SERVICE = "SERVICE";
    /** Any account (a ledger token or an OIDC JWT): acts as its handle. */
    public static final String ACCOUNT = "ACCOUNT";
    /** An admin account: an account that may also call /admin/** and read the actuator. */
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
