package dev.ledger.command.account;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.ledger.web.security.Caller;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The account and access_token tables. The account of a token is remembered for at most
 * {@code ledger.accounts.token-cache} (LEDGER_TOKEN_CACHE, 30 s at most): checking every command's token in the
 * database took a connection per request, and with one busy debate holding every connection the token checks of
 * all other requests failed too. A revocation or promotion forgets the account's entries here once it commits;
 * another command-service instance notices within the cache time.
 */
@Repository
public class Accounts {

    static final Duration LONGEST_TOKEN_CACHE = Duration.ofSeconds(30);

    /** A token as created: the only moment the token itself exists outside the client. */
    public record IssuedToken(String handle, String displayName, String token) {
    }

    private final JdbcClient jdbc;
    /** Keyed by the token's hash, so the tokens themselves are not kept in memory. */
    private final Cache<String, Optional<Caller>> callersByTokenHash;

    public Accounts(JdbcClient jdbc, @Value("${ledger.accounts.token-cache:30s}") Duration tokenCache) {
        if (tokenCache.isNegative() || tokenCache.compareTo(LONGEST_TOKEN_CACHE) > 0) {
            throw new IllegalArgumentException("LEDGER_TOKEN_CACHE (ledger.accounts.token-cache) is " + tokenCache
                    + ": it must be between 0 and " + LONGEST_TOKEN_CACHE.toSeconds() + " s, so that a revocation takes effect"
                    + " on every instance within a minute");
        }
        this.jdbc = jdbc;
        this.callersByTokenHash = Caffeine.newBuilder().expireAfterWrite(tokenCache).maximumSize(10_000).build();
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
        forgetAfterCommit(handle);
        return Optional.of(jdbc.sql("UPDATE access_token SET revoked_at = now() WHERE handle = ? AND revoked_at IS NULL")
                .param(handle).update());
    }

    /** Revokes one live token (the web view's session token at sign-out); false when it is unknown or already revoked. */
    @Transactional
    public boolean revokeToken(String token) {
        byte[] hash = AccessTokens.hash(token);
        boolean revoked = jdbc.sql("UPDATE access_token SET revoked_at = now() WHERE token_hash = ? AND revoked_at IS NULL")
                .param(hash).update() > 0;
        String key = HexFormat.of().formatHex(hash);
        afterCommit(() -> callersByTokenHash.invalidate(key));
        return revoked;
    }

    /** Makes the account an admin, creating it when missing. */
    @Transactional
    public void makeAdmin(String handle) {
        createIfMissing(handle, null);
        forgetAfterCommit(handle);
        jdbc.sql("UPDATE account SET admin = true WHERE handle = ?").param(handle).update();
    }

    /** The account a live (not revoked) token belongs to. */
    public Optional<Caller> byToken(String token) {
        byte[] hash = AccessTokens.hash(token);
        return callersByTokenHash.get(HexFormat.of().formatHex(hash), key -> lookUp(hash));
    }

    private Optional<Caller> lookUp(byte[] hash) {
        return jdbc.sql("""
                        SELECT a.handle, a.display_name, a.admin FROM access_token t JOIN account a ON a.handle = t.handle
                        WHERE t.token_hash = ? AND t.revoked_at IS NULL""")
                .param(hash)
                .query((row, n) -> new Caller(row.getString("handle"), row.getString("display_name"), row.getBoolean("admin")))
                .optional();
    }

    private void forgetAfterCommit(String handle) {
        afterCommit(() -> callersByTokenHash.asMap().values()
                .removeIf(caller -> caller.map(c -> c.handle().equals(handle)).orElse(false)));
    }

    /** Cached callers are forgotten only once the revocation is committed, so no other request re-caches the old row. */
    private static void afterCommit(Runnable forget) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                forget.run();
            }
        });
    }

    private boolean exists(String handle) {
        return jdbc.sql("SELECT count(*) FROM account WHERE handle = ?").param(handle).query(Long.class).single() > 0;
    }

    private void createIfMissing(String handle, String displayName) {
        jdbc.sql("INSERT INTO account (handle, display_name) VALUES (?, ?) ON CONFLICT (handle) DO NOTHING")
                .params(handle, displayName == null ? handle : displayName).update();
    }
}
