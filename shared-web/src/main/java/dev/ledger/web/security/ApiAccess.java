package dev.ledger.web.security;

/** Who may call a service's API outside /admin/** and the actuator; each service provides one as a bean. */
public enum ApiAccess {
    /** Every request acts as an account (the command API): 401 without one, 403 for the service token. */
    ACCOUNT_REQUIRED,
    /** Anonymous requests pass the filters (the query API): the controllers decide what each caller may read. */
    ANONYMOUS_ALLOWED
}
