package dev.ledger.query.web.signin;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * When a signed-in session ends (sign-out, or idle past LEDGER_WEB_SESSION_TIMEOUT), its command token is revoked at
 * the command-service, so a token that leaked from this service's memory stops working with the session. A failed
 * revocation is logged and does not keep anyone signed in: the session is gone either way.
 */
@Component
class SessionTokenRevocation implements HttpSessionListener {

    private static final Logger log = LoggerFactory.getLogger(SessionTokenRevocation.class);

    private final CommandAccounts accounts;

    SessionTokenRevocation(CommandAccounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent ended) {
        SessionToken.of(ended.getSession()).ifPresent(token -> {
            try {
                accounts.revoke(token);
                log.info("Web session ended: its command token is revoked");
            } catch (RuntimeException e) {
                log.warn("Web session ended, but its command token could not be revoked ({})", e.getClass().getSimpleName());
            }
        });
    }
}
