package dev.ledger.query.problem;

import dev.ledger.query.admin.AdminAccessDenied;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;

/**
 * Every error of the query API as {@code application/problem+json} (RFC 9457) with a {@code urn:ledger:problem:*}
 * type and, where a field is to blame, an {@code errors} list naming it. Spring MVC's own exceptions (unknown
 * path, wrong method, ...) come through {@link ResponseEntityExceptionHandler} and get the same treatment.
 */
@RestControllerAdvice
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

    public static final String VALIDATION = "urn:ledger:problem:validation";
    public static final String NOT_FOUND = "urn:ledger:problem:not-found";
    public static final String NOT_READY = "urn:ledger:problem:not-ready";
    public static final String INTERNAL = "urn:ledger:problem:internal";
    public static final String CONFLICT = "urn:ledger:problem:conflict";
    public static final String UNAUTHORIZED = "urn:ledger:problem:unauthorized";
    public static final String ADMIN_DISABLED = "urn:ledger:problem:admin-disabled";

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
        log.info("Rejected {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, VALIDATION, "Invalid request",
                e.error().field() + " " + e.error().reason() + "; correct it and send the request again.", request);
        problem.setProperty("errors", List.of(e.error()));
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        log.info("Not found {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        ProblemDetail problem = problem(HttpStatus.NOT_FOUND, NOT_FOUND, "Not found",
                e.error().field() + " " + e.error().reason() + ". If you just wrote it, pass ?minSequence= to wait for it.",
                request);
        problem.setProperty("errors", List.of(e.error()));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @ExceptionHandler(NotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(NotReadyException e, HttpServletRequest request) {
        log.info("Not ready {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, NOT_READY, "Not ready yet",
                "The debate's projection reached sequence " + e.sequenceReached() + ", not " + e.field() + " "
                        + e.minSequence() + ", in time; retry after the Retry-After delay.", request);
        problem.setProperty("minSequence", e.minSequence());
        problem.setProperty("sequenceReached", e.sequenceReached());
        problem.setProperty("errors", List.of(new FieldError(e.field(),
                "not reached yet: the projection is at " + e.sequenceReached())));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
    }

    @ExceptionHandler(AdminAccessDenied.class)
    ResponseEntity<ProblemDetail> adminDenied(AdminAccessDenied e, HttpServletRequest request) {
        log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        if (e.disabled()) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem(HttpStatus.FORBIDDEN, ADMIN_DISABLED,
                    "Admin endpoints disabled",
                    "admin endpoints are disabled: start the service with LEDGER_ADMIN_TOKEN set", request));
        }
        ProblemDetail problem = problem(HttpStatus.UNAUTHORIZED, UNAUTHORIZED, "Unauthorized",
                "Admin endpoints need the header 'Authorization: Bearer <token>' with the service's LEDGER_ADMIN_TOKEN"
                        + " (./ledger keeps it in $LEDGER_DATA/admin-token).", request);
        problem.setProperty("errors", List.of(new FieldError("Authorization", "missing or wrong bearer token")));
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<ProblemDetail> conflict(ConflictException e, HttpServletRequest request) {
        log.info("Conflict {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .body(problem(HttpStatus.CONFLICT, CONFLICT, "Conflict", e.getMessage(), request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Failed {} {}", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL, "Internal error",
                "The query failed unexpectedly; try again later, and report it if it persists.", request);
        return ResponseEntity.internalServerError().body(problem);
    }

    /** Gives Spring MVC's own problems (404 for unknown paths, 405, ...) a ledger type and an instance. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
                problem.setType(URI.create(statusCode.value() == 404 ? NOT_FOUND
                        : statusCode.is4xxClientError() ? VALIDATION : INTERNAL));
            }
            if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
                problem.setInstance(URI.create(servlet.getRequest().getRequestURI()));
            }
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail,
                                         HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(type));
        problem.setTitle(title);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }
}
