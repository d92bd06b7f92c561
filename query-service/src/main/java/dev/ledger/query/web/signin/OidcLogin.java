package dev.ledger.query.web.signin;

/** Whether people may sign in to the web view with the OIDC issuer (LEDGER_OIDC_ISSUER) too. */
final class OidcLogin {

    private OidcLogin() {
    }

    static boolean configured(String issuer) {
        return issuer != null && !issuer.isBlank();
    }
}
