package dev.ledger.command.idempotency;

import dev.ledger.command.problem.DomainException;
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

    /** The first answer given for a key: HTTP status and JSON body. */
    public record StoredAnswer(int status, String body) {
    }

    private record StoredRow(String fingerprint, StoredAnswer answer) {
    }

    private final JdbcTemplate jdbc;

    public IdempotencyKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the key for this transaction, or returns the answer stored under it for the same request. When
     * another transaction holds the key uncommitted, PostgreSQL makes the insert wait for it: after its commit we
     * read its answer; after its rollback our insert wins. So concurrent first uses of one key run the command once.
     *
     * @throws DomainException.Unprocessable when the key was used for a different request
     */
    public Optional<StoredAnswer> claimOrReplay(IdempotencyKey key) {
        int inserted = jdbc.update(
                "INSERT INTO idempotency_key (idempotency_key, request_fingerprint) VALUES (?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
                key.value(), key.fingerprint());
        if (inserted == 1) {
            return Optional.empty();
        }
        List<StoredRow> rows = jdbc.query(
                "SELECT request_fingerprint, response_status, response_body FROM idempotency_key WHERE idempotency_key = ?",
                (rs, row) -> new StoredRow(rs.getString(1), new StoredAnswer(rs.getInt(2), rs.getString(3))), key.value());
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
        jdbc.update("UPDATE idempotency_key SET response_status = ?, response_body = ? WHERE idempotency_key = ?",
                answer.status(), answer.body(), key.value());
    }
}
