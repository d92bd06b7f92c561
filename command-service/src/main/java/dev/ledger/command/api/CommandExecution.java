package dev.ledger.command.api;

import dev.ledger.command.idempotency.IdempotencyKey;
import dev.ledger.command.idempotency.IdempotencyKeys;
import dev.ledger.command.idempotency.IdempotencyKeys.StoredAnswer;
import dev.ledger.command.problem.DomainException;
import dev.ledger.command.storage.CachedDebateChecks;
import dev.ledger.web.problem.Rejections;
import dev.ledger.web.security.Caller;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs one request's command in an Axon unit of work that owns the database transaction, together with its
 * Idempotency-Key: the key is claimed, the command sent and its answer stored in that one transaction, so a stored
 * answer exists exactly when the command's events do. Keys live in the calling account's namespace: the same key
 * sent by two accounts names two requests. Rejected commands are not stored: they wrote nothing, so a
 * retry simply re-evaluates them.
 * <p>
 * The command bus's own unit of work nests in this one. Axon defers a nested unit of work's cleanup, and with it
 * the release of the debate's lock, to the cleanup of the outermost one, which comes after the transaction committed
 * or rolled back; a failed commit rolls the nested unit of work back too, which evicts the debate from the aggregate
 * cache; the event store wakes its readers after the commit. So within one instance commands on a debate run one at
 * a time and always start from committed state.
 * <p>
 * Another instance can append to the same debate in between: the unique (aggregate_identifier, sequence_number)
 * constraint lets one append win and the other fails with a {@link ConcurrencyException}, which aborts the whole
 * transaction; a command that appends nothing is checked against the event store if it ran on a cached debate
 * ({@link CachedDebateChecks}), before it commits or answers a refusal, and fails the same way when that was stale.
 * The command is therefore retried here, as a new unit of work, up to {@link #ATTEMPTS} times; then the answer is 409.
 */
@Component
public class CommandExecution {

    private static final int ATTEMPTS = 5;
    private static final Logger log = LoggerFactory.getLogger(CommandExecution.class);

    private final TransactionManager transactionManager;
    private final IdempotencyKeys keys;
    private final JsonMapper jsonMapper;
    private final DebateAdmission admission;
    private final CachedDebateChecks cachedDebates;

    CommandExecution(TransactionManager transactionManager, IdempotencyKeys keys, JsonMapper jsonMapper,
                     DebateAdmission admission, CachedDebateChecks cachedDebates) {
        this.transactionManager = transactionManager;
        this.keys = keys;
        this.jsonMapper = jsonMapper;
        this.admission = admission;
        this.cachedDebates = cachedDebates;
    }

    /**
     * @param caller         the authenticated account the command acts as (its handle scopes the key)
     * @param debateId       the debate the command changes (its commands take turns, see {@link DebateAdmission}), or
     *                       null for one that opens a new debate
     * @param idempotencyKey the Idempotency-Key header, or null
     * @param request        method and path, e.g. "POST /debates/x/claims"
     * @param body           the parsed request body (its canonical JSON is part of the key's fingerprint)
     * @param command        sends the command and turns its result into the answer
     */
    public <T> Answer<T> run(Caller caller, String debateId, String idempotencyKey, String request, Object body,
                             Class<T> answerType, Supplier<Answer<T>> command) {
        return admission.admit(debateId, () -> runWithRetries(caller, idempotencyKey, request, body, answerType, command));
    }

    private <T> Answer<T> runWithRetries(Caller caller, String idempotencyKey, String request, Object body,
                                         Class<T> answerType, Supplier<Answer<T>> command) {
        IdempotencyKey key = idempotencyKey == null ? null
                : IdempotencyKey.of(caller.handle(), idempotencyKey, request, jsonMapper.writeValueAsString(body));
        for (int attempt = 1; ; attempt++) {
            try {
                return inUnitOfWork(request, () -> {
                    if (key != null) {
                        Optional<StoredAnswer> stored = keys.claimOrReplay(key);
                        if (stored.isPresent()) {
                            return new Answer<>(stored.get().status(), jsonMapper.readValue(stored.get().body(), answerType));
                        }
                    }
                    Answer<T> answer;
                    try {
                        answer = command.get();
                    } catch (DomainException refusal) {
                        cachedDebates.verifyUnappended();   // a refusal decided on a stale cached debate runs again
                        throw refusal;
                    }
                    // Registered after the command ran, so it runs after the append Axon registered meanwhile.
                    CurrentUnitOfWork.get().onPrepareCommit(committing -> cachedDebates.verifyUnappended());
                    if (key != null) {
                        keys.complete(key, new StoredAnswer(answer.status(), jsonMapper.writeValueAsString(answer.body())));
                    }
                    return answer;
                });
            } catch (ConcurrencyException e) {
                if (attempt == ATTEMPTS) {
                    throw new DomainException.Conflict("debateId",
                            "the debate changed concurrently " + ATTEMPTS + " times while this command ran; send it again");
                }
                log.info("Concurrent change on {} (attempt {} of {}), retrying", Rejections.loggable(request), attempt, ATTEMPTS);
            }
        }
    }

    private <T> T inUnitOfWork(String request, Supplier<T> work) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(new GenericMessage<>(request));
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<T> result = unitOfWork.executeWithResult(work::get);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
        return result.getPayload();
    }
}
