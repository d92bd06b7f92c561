package dev.ledger.command.account;

import dev.ledger.web.security.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/** The account and access_token tables. */
@Repository
public class Accounts {

    /** A token as created: the only moment the token itself exists outside the client. */
    public record IssuedToken(String handle, String displayName, String token) {
    }

    private final JdbcClient jdbc;

    public Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates the account when missing (display name: the given one, else the handle) and a new token for it. */
    @Transactional
    public IssuedToken issueToken(String handle, String displayName) {
        createIfMissing(handle, displayName);
        if (displayName != null) {
            jdbc.sql("UPDATE account SET display_name = ? WHERE handle = ?").params(displayName, handle).update();
        }
        String token = AccessTokens.generate();
        jdbc.sql("INSERT INTO access_token (token_hash, handle) VALUES (?, ?)").params(AccessTokens.hash(token), handle).update();
        String name = jdbc.sql("SELECT display_name FROM account WHERE handle = ?").param(handle).query(String.class).single();
        return new IssuedToken(handle, name, token);
    }

    /** Revokes every live token of the account; empty when there is no such account. */
    @Transactional
    public Optional<Integer> revokeTokens(String handle) {
        if (!exists(handle)) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("UPDATE access_token SET revoked_at = now() WHERE handle = ? AND revoked_at IS NULL")
                .param(handle).update());
    }

    /** Makes the account an admin, creating it when missing. */
    @Transactional
    public void makeAdmin(String handle) {
        createIfMissing(handle, null);
        jdbc.sql("UPDATE account SET admin = true WHERE handle = ?").param(handle).update();
    }

    /** The account a live (not revoked) token belongs to. */
    public Optional<Caller> byToken(String token) {
        return jdbc.sql("""
                        SELECT a.handle, a.display_name, a.admin FROM access_token t JOIN account a ON a.handle = t.handle
                        WHERE t.token_hash = ? AND t.revoked_at IS NULL""")
                .param(AccessTokens.hash(token))
                .query((row, n) -> new Caller(row.getString("handle"), row.getString("display_name"), row.getBoolean("admin")))
                .optional();
    }

    private boolean exists(String handle) {
        return jdbc.sql("SELECT count(*) FROM account WHERE handle = ?").param(handle).query(Long.class).single() > 0;
    }

    private void createIfMissing(String handle, String displayName) {
        jdbc.sql("INSERT INTO account (handle, display_name) VALUES (?, ?) ON CONFLICT (handle) DO NOTHING")
                .params(handle, displayName == null ? handle : displayName).update();
    }
}
