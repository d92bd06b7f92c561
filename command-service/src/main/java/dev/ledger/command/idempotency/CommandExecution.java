package dev.ledger.command.idempotency;

import dev.ledger.command.problem.DatabaseUnavailable;
import dev.ledger.command.problem.DomainException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Runs a command in one database transaction together with its Idempotency-Key bookkeeping.
 * <p>
 * Axon's SpringTransactionManager joins this transaction, so the events appended by
 * {@code sendAndWait} and the stored answer commit or roll back together. Rejected commands are not
 * stored: they wrote nothing, so a retry simply re-evaluates them.
 * <p>
 * Concurrency: Axon's per-aggregate lock is released when the unit of work ends, before this transaction
 * commits, so two commands on one debate can both try to append the same sequence number. The unique
 * (aggregate_identifier, sequence_number) constraint lets one win; the other fails with a
 * {@link ConcurrencyException}. Its transaction is then aborted, which is why the retry happens here, as
 * a whole new transaction, and not in a RetryScheduler on the gateway (that would retry on another thread,
 * outside this transaction). After {@link #ATTEMPTS} attempts the answer is 409. Within one instance commands on a
 * debate are serialized through their whole transaction ({@link DebateLocks}), so conflicts come from another
 * instance writing the same debate.
 */
@Component
public class CommandExecution {

    public static final String HEADER = "Idempotency-Key";
    private static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(CommandExecution.class);

    private final TransactionTemplate transactions;
    private final IdempotencyKeys keys;
    private final DebateLocks debateLocks;
    private final JsonMapper jsonMapper;
    private final AtomicReference<Unreachable> lastUnreachable = new AtomicReference<>();

    public CommandExecution(TransactionTemplate transactions, IdempotencyKeys keys, DebateLocks debateLocks,
                            JsonMapper jsonMapper) {
        this.transactions = transactions;
        this.keys = keys;
        this.debateLocks = debateLocks;
        this.jsonMapper = jsonMapper;
    }

    /**
     * @param debateId       the debate the command changes, or null for a new debate (see {@link DebateLocks})
     * @param idempotencyKey the header value, or null
     * @param request        method and path, e.g. "POST /debates/x/claims"
     * @param body           the parsed request body (its canonical JSON is part of the fingerprint)
     */
    public <T> Answer<T> run(String debateId, String idempotencyKey, String request, Object body, Class<T> answerType,
                             Supplier<Answer<T>> command) {
        String key = checkedKey(idempotencyKey);
        String fingerprint = key == null ? null : fingerprint(request, body);
        if (debateId == null) {
            return attempt(key, fingerprint, request, answerType, command);
        }
        ReentrantLock lock = debateLocks.of(debateId);
        long waitingSince = System.nanoTime();
        lock.lock();
        try {
            failFastIfTheDatabaseFailedWhileWaiting(waitingSince);
            return attempt(key, fingerprint, request, answerType, command);
        } catch (RuntimeException e) {
            Throwable unreachable = DatabaseUnavailable.causeIn(e);
            if (unreachable != null) {
                lastUnreachable.set(new Unreachable(System.nanoTime(), unreachable));
            }
            throw e;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commands queued behind one debate's lock would otherwise each wait the full connection timeout in turn
     * while PostgreSQL is down (the third in line answered after 6 s); one that waited while another command
     * found the database unreachable answers at once with the same 503. A command that did not wait tries the
     * database itself, so the first command after an outage finds out that it is over.
     */
    private void failFastIfTheDatabaseFailedWhileWaiting(long waitingSince) {
        Unreachable last = lastUnreachable.get();
        if (last != null && last.at() - waitingSince > 0) {
            throw new DataAccessResourceFailureException(
                    "the event store database was found unreachable while this command waited for its debate", last.cause());
        }
    }

    private record Unreachable(long at, Throwable cause) {
    }

    private <T> Answer<T> attempt(String key, String fingerprint, String request, Class<T> answerType,
                                  Supplier<Answer<T>> command) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    if (key != null) {
                        Optional<IdempotencyKeys.StoredAnswer> stored = keys.claimOrFind(key, fingerprint);
                        if (stored.isPresent()) {
                            return replay(stored.get(), fingerprint, answerType);
                        }
                    }
                    Answer<T> answer = command.get();
                    if (key != null) {
                        keys.complete(key, answer.status(), jsonMapper.writeValueAsString(answer.body()));
                    }
                    return answer;
                });
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw new DomainException.Conflict("debateId",
                            "the debate changed concurrently " + ATTEMPTS + " times while this command ran; send it again");
                }
                log.info("Concurrent change on {} (attempt {} of {}), retrying: {}", request, attempt, ATTEMPTS, e.getMessage());
            }
        }
    }

    private <T> Answer<T> replay(IdempotencyKeys.StoredAnswer stored, String fingerprint, Class<T> answerType) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new DomainException.Unprocessable(HEADER,
                    "this key was already used for a different request (method, path or body); use a new key for a new request");
        }
        return new Answer<>(stored.status(), jsonMapper.readValue(stored.body(), answerType));
    }

    private static String checkedKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isEmpty() || key.length() > 200 || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new DomainException.Invalid(HEADER, "must be 1 to 200 printable ASCII characters");
        }
        return key;
    }

    private String fingerprint(String request, Object body) {
        String canonical = request + "\n" + jsonMapper.writeValueAsString(body);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
