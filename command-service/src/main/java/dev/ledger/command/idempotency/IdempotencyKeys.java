package dev.ledger.command.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

/**
 * The idempotency_key table. Every method must run inside the transaction that also appends the
 * command's events, so a stored answer exists exactly when its events do.
 */
@Repository
public class IdempotencyKeys {

    /** The first answer given for a key, and the fingerprint of the request that got it. */
    public record StoredAnswer(String fingerprint, int status, String body) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for this transaction, or returns the answer stored under it. When another transaction
     * holds the key uncommitted, PostgreSQL makes the insert wait for it: after its commit we read its answer;
     * after its rollback our insert wins. So concurrent first uses of one key run the command once.
     */
    public Optional<StoredAnswer> claimOrFind(String key, String fingerprint) {
        int inserted = jdbc.update(
                "INSERT INTO idempotency_key (idempotency_key, request_fingerprint) VALUES (?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
                key, fingerprint);
        if (inserted == 1) {
            return Optional.empty();
        }
        List<StoredAnswer> answers = jdbc.query(
                "SELECT request_fingerprint, response_status, response_body FROM idempotency_key WHERE idempotency_key = ?",
                (rs, row) -> new StoredAnswer(rs.getString(1), rs.getInt(2), rs.getString(3)), key);
        if (answers.isEmpty()) {
            throw new IllegalStateException("idempotency key " + key + " conflicted but has no row");
        }
        return Optional.of(answers.get(0));
    }

    public void complete(String key, int status, String body) {
        jdbc.update("UPDATE idempotency_key SET response_status = ?, response_body = ? WHERE idempotency_key = ?",
                status, body, key);
    }
}
