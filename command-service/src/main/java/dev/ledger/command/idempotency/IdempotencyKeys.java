package dev.ledger.command.idempotency;

import dev.ledger.command.problem.DomainException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The idempotency_key table. Every method but {@link #deleteExpired} must run inside the transaction that also
 * appends the command's events, so a stored answer exists exactly when its events do. A key is remembered for
 * {@code ledger.idempotency.ttl} (LEDGER_IDEMPOTENCY_TTL); after that it is claimed again as a new request.
 */
@Repository
public class IdempotencyKeys {

    /** The first answer given for a key: HTTP status and JSON body. */
    public record StoredAnswer(int status, String body) {
    }

    private record StoredRow(String fingerprint, StoredAnswer answer) {
    }

    private final JdbcTemplate jdbc;
    private final long ttlMillis;

    public IdempotencyKeys(JdbcTemplate jdbc, @Value("${ledger.idempotency.ttl:24h}") Duration ttl) {
        this.jdbc = jdbc;
        this.ttlMillis = ttl.toMillis();
    }

    /**
     * Claims the key for this transaction (a new key, or one whose row has expired: it is taken over as new), or
     * returns the answer stored under it for the same request. When another transaction holds the key uncommitted,
     * PostgreSQL makes the insert wait for it: after its commit we read its answer; after its rollback our insert
     * wins. So concurrent first uses of one key run the command once.
     *
     * @throws DomainException.Unprocessable when the key was used for a different request
     */
    public Optional<StoredAnswer> claimOrReplay(IdempotencyKey key) {
        int claimed = jdbc.update("""
                        INSERT INTO idempotency_key (scope, idempotency_key, request_fingerprint) VALUES (?, ?, ?)
                        ON CONFLICT (scope, idempotency_key) DO UPDATE
                            SET request_fingerprint = EXCLUDED.request_fingerprint, response_status = NULL,
                                response_body = NULL, created_at = now()
                            WHERE idempotency_key.created_at < now() - ? * INTERVAL '1 millisecond'""",
                key.scope(), key.value(), key.fingerprint(), ttlMillis);
        if (claimed == 1) {
            return Optional.empty();
        }
        List<StoredRow> rows = jdbc.query(
                "SELECT request_fingerprint, response_status, response_body FROM idempotency_key WHERE scope = ? AND idempotency_key = ?",
                (rs, row) -> new StoredRow(rs.getString(1), new StoredAnswer(rs.getInt(2), rs.getString(3))),
                key.scope(), key.value());
        if (rows.isEmpty()) {
            throw new IllegalStateException("an idempotency key conflicted but has no row");
        }
        if (!rows.get(0).fingerprint().equals(key.fingerprint())) {
            throw new DomainException.Unprocessable(IdempotencyKey.HEADER,
                    "this key was already used for a different request (method, path or body); use a new key for a new request");
        }
        return Optional.of(rows.get(0).answer());
    }

    public void complete(IdempotencyKey key, StoredAnswer answer) {
        jdbc.update("UPDATE idempotency_key SET response_status = ?, response_body = ? WHERE scope = ? AND idempotency_key = ?",
                answer.status(), answer.body(), key.scope(), key.value());
    }

    /** Deletes at most {@code limit} expired keys (oldest first); returns how many. */
    public int deleteExpired(int limit) {
        return jdbc.update("""
                        DELETE FROM idempotency_key WHERE (scope, idempotency_key) IN (
                            SELECT scope, idempotency_key FROM idempotency_key
                            WHERE created_at < now() - ? * INTERVAL '1 millisecond'
                            ORDER BY created_at LIMIT ?)""",
                ttlMillis, limit);
    }
}
