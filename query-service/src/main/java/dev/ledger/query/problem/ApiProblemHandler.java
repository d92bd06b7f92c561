package dev.ledger.query.problem;

import dev.ledger.web.problem.FieldError;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.problem.ProblemHandler;
import dev.ledger.web.problem.Problems;
import dev.ledger.web.problem.Refusal;
import dev.ledger.web.problem.Rejections;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Every error of the query API as problem+json (the shared {@link ProblemHandler}), plus the query side's
 * own: a projection that has not reached the asked sequence in time (503 with Retry-After).
 */
@RestControllerAdvice
public class ApiProblemHandler extends ProblemHandler {

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
        String reason = "not reached yet: the projection is at " + e.sequenceReached();
        rejections.record("not-ready", 503, request.getMethod(), request.getRequestURI(), e.field(), reason);
        ProblemDetail problem = Problems.of(HttpStatus.SERVICE_UNAVAILABLE,
                "The debate's projection reached sequence " + e.sequenceReached() + ", not " + e.field() + " "
                        + e.minSequence() + ", in time; retry after the Retry-After delay.",
                List.of(new FieldError(e.field(), reason)),
                Map.of("minSequence", e.minSequence(), "sequenceReached", e.sequenceReached()));
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
