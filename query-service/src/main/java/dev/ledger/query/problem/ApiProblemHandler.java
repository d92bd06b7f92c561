package dev.ledger.query.problem;

import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.problem.ProblemHandler;
import dev.ledger.web.problem.Refusal;
import dev.ledger.web.problem.Rejections;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Map;

/**
 * Every error of the query API as problem+json (the shared {@link ProblemHandler}), plus the query side's
 * own, each a 503 with Retry-After: a projection that has not reached the asked sequence in time, too many requests
 * already waiting for projections, a read that ran past the statement timeout, and a database that cannot be reached.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ProblemHandler {

    /** PostgreSQL's query_canceled, which is what statement_timeout raises. */
    private static final String QUERY_CANCELED = "57014";
    public static final String TIMEOUT_DETAIL = "The query took longer than the statement timeout (LEDGER_QUERY_STATEMENT_TIMEOUT) "
            + "and was cancelled; retry after the Retry-After delay, and report it if it persists.";

    public static final String UNAVAILABLE_DETAIL = "The read model's database (PostgreSQL, LEDGER_QUERY_DB_URL) cannot be "
            + "reached within LEDGER_DB_CONNECT_TIMEOUT_MS; retry after the Retry-After delay.";

    public ApiProblemHandler(Rejections rejections) {
        super(rejections, "The query failed unexpectedly; try again later, and report it if it persists.");
    }

    @Override
    protected String detail(Refusal refusal) {
        return refusal instanceof NotFoundException
                ? refusal.getMessage() + ". If you just wrote it, pass ?minSequence= to wait for it."
                : refusal.getMessage();
    }

    @ExceptionHandler(NotReadyException.class)
    public ResponseEntity<Object> notReady(NotReadyException e, HttpServletRequest request) {
        return retryLater("not-ready", "The debate's projection reached sequence " + e.sequenceReached() + ", not "
                        + e.field() + " " + e.minSequence() + ", in time; retry after the Retry-After delay.",
                e.field(), "not reached yet: the projection is at " + e.sequenceReached(), 1,
                Map.of("minSequence", e.minSequence(), "sequenceReached", e.sequenceReached()), request);
    }

    @ExceptionHandler(TooManyWaitingException.class)
    public ResponseEntity<Object> tooManyWaiting(TooManyWaitingException e, HttpServletRequest request) {
        return retryLater("busy", "Already " + e.maxWaiting() + " requests wait for projections to catch up (the most "
                        + "allowed at once); retry after the Retry-After delay.",
                e.field(), "cannot be waited for now: too many requests are waiting", 1, Map.of(), request);
    }

    @Override
    protected ResponseEntity<Object> recognise(Exception e, HttpServletRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return retryLater("timeout", TIMEOUT_DETAIL, null, null, 5, Map.of(), request);
            }
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof SQLTransientConnectionException) {
                return retryLater("unavailable", UNAVAILABLE_DETAIL, null, null, 5, Map.of(), request);
            }
        }
        return null;
    }
}
