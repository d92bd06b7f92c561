package dev.ledger.command.problem;

import dev.ledger.web.problem.ProblemHandler;
import dev.ledger.web.problem.Problems;
import dev.ledger.web.problem.Rejections;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every error of the command API as problem+json (the shared {@link ProblemHandler}), plus the command
 * side's own: an unreachable event store database (503), a debate whose lock stayed taken longer than the lock wait
 * (503) and a body over the size limit (413).
 */
@RestControllerAdvice
public class ProblemAdvice extends ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    public ProblemAdvice(Rejections rejections) {
        super(rejections, "The command service failed unexpectedly; nothing was recorded unless a retry says so. Try again later.");
    }

    /** Retry-After of a 503 for a debate whose lock was not free in time: a short wait, its commands are quick. */
    public static final long BUSY_RETRY_AFTER_SECONDS = 1;
    public static final String BUSY_REASON = "is busy: other commands on this debate held it longer than the lock wait "
            + "(LEDGER_LOCK_WAIT); nothing was recorded, send the same request again after the Retry-After delay";

    @Override
    protected ResponseEntity<Object> recognise(Exception e, HttpServletRequest request) {
        if (causedBy(e, LockAcquisitionFailedException.class)) {
            return retryLater("busy", "The debate " + BUSY_REASON, "debateId", BUSY_REASON, BUSY_RETRY_AFTER_SECONDS,
                    Map.of(), request);
        }
        Throwable unreachable = DatabaseUnavailable.causeIn(e);
        return unreachable == null ? null : databaseUnavailable(unreachable, request);
    }

    /**
     * The event store database cannot be reached (down, restarting, pool exhausted): 503 with Retry-After,
     * one WARN line without stack trace. Nothing was written: the command's transaction never began or
     * rolled back, so the same request can simply be sent again.
     */
    private ResponseEntity<Object> databaseUnavailable(Throwable cause, HttpServletRequest request) {
        log.warn("{} {} answered 503: the event store database is unreachable: {}",
                request.getMethod(), Rejections.loggable(request.getRequestURI()), DatabaseUnavailable.describe(cause));
        rejections.count("unavailable");
        ProblemDetail body = Problems.of("unavailable", HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL, List.of(), Map.of());
        body.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (causedBy(ex, BodySizeLimitFilter.BodyTooLargeException.class)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, BodySizeLimitFilter.DETAIL, "body", BodySizeLimitFilter.REASON,
                    Map.of(), servletRequest(request));
        }
        return super.handleHttpMessageNotReadable(ex, headers, status, request);
    }
}
