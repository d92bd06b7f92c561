package dev.ledger.command.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.Map;

/**
 * Every error of the API as application/problem+json: domain refusals from the aggregate, unreadable
 * JSON (with the offending field), Spring MVC's own errors, and anything unexpected (500, logged with
 * its stack trace, never shown).
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final Rejections rejections;

    public ProblemAdvice(Rejections rejections) {
        this.rejections = rejections;
    }

    @ExceptionHandler(DomainException.class)
    public ResponseEntity<Object> domain(DomainException e, HttpServletRequest request) {
        HttpStatus status = statusOf(e);
        return problem(status, e.field() + ": " + e.reason(), e.field(), e.reason(), e.extras(), request);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        Throwable unreachable = DatabaseUnavailable.causeIn(e);
        if (unreachable != null) {
            return databaseUnavailable(unreachable, request);
        }
        log.error("Unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail body = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR,
                "The command service failed unexpectedly; nothing was recorded unless a retry says so. Try again later.",
                List.of(), Map.of());
        body.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(500).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /**
     * The event store database cannot be reached (down, restarting, pool exhausted): 503 with Retry-After,
     * one WARN line without stack trace. Nothing was written: the command's transaction never began or
     * rolled back, so the same request can simply be sent again.
     */
    private ResponseEntity<Object> databaseUnavailable(Throwable cause, HttpServletRequest request) {
        log.warn("{} {} answered 503: the event store database is unreachable: {}",
                request.getMethod(), request.getRequestURI(), DatabaseUnavailable.describe(cause));
        rejections.count("unavailable", null);
        ProblemDetail body = Problems.of(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL, List.of(), Map.of());
        body.setType(URI.create("urn:ledger:problem:unavailable"));
        body.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    static HttpStatus statusOf(DomainException e) {
        if (e instanceof DomainException.NotFound) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof DomainException.Conflict) {
            return HttpStatus.CONFLICT;
        }
        if (e instanceof DomainException.Unprocessable) {
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }
        return HttpStatus.BAD_REQUEST;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        if (causedBy(ex, BodySizeLimitFilter.BodyTooLargeException.class)) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, BodySizeLimitFilter.DETAIL, "body", BodySizeLimitFilter.REASON, Map.of(), servlet);
        }
        FieldError error = unreadable(ex);
        return problem(HttpStatus.BAD_REQUEST, "The request body could not be read: " + error.field() + " " + error.reason(),
                error.field(), error.reason(), Map.of(), servlet);
    }

    /** Spring MVC's other errors (404 route, 405, 415, ...): same problem shape, errors list empty. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        String detail = body instanceof ProblemDetail given && given.getDetail() != null ? given.getDetail() : ex.getMessage();
        ProblemDetail problem = Problems.of(statusCode, detail, List.of(), Map.of());
        if (servlet != null) {
            problem.setInstance(URI.create(servlet.getRequestURI()));
            rejections.record(Problems.kindOf(statusCode), statusCode.value(), servlet.getMethod(), servlet.getRequestURI(), null, detail);
        }
        HttpHeaders responseHeaders = new HttpHeaders();
        responseHeaders.addAll(headers);
        responseHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(statusCode).headers(responseHeaders).body(problem);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String detail, String field, String reason,
                                           Map<String, Object> extras, HttpServletRequest request) {
        ProblemDetail body = Problems.of(status, detail, List.of(new FieldError(field, reason)), extras);
        if (request != null) {
            body.setInstance(URI.create(request.getRequestURI()));
            rejections.record(Problems.kindOf(status), status.value(), request.getMethod(), request.getRequestURI(), field, reason);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static FieldError unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getCause();
        if (cause == null) {
            return new FieldError("body", "is required: send a JSON object");
        }
        if (cause instanceof CharacterCodingException) {
            return new FieldError("body", "is not valid UTF-8: send the JSON as UTF-8 text");
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(path(unknown), "is not a known field of this request");
        }
        if (cause instanceof ValueInstantiationException invalid) {
            Throwable root = invalid.getCause() == null ? invalid : invalid.getCause();
            return new FieldError(path(invalid), root.getMessage());
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String expected = mismatch.getTargetType() == null ? "another JSON type" : describe(mismatch.getTargetType());
            String field = path(mismatch);
            return new FieldError(field.isEmpty() ? "body" : field, "has the wrong JSON type: expected " + expected);
        }
        if (cause instanceof StreamReadException malformed) {
            return new FieldError("body", "is not valid JSON: " + malformed.getOriginalMessage());
        }
        if (cause instanceof JacksonException jackson) {
            String field = path(jackson);
            return new FieldError(field.isEmpty() ? "body" : field, jackson.getOriginalMessage());
        }
        return new FieldError("body", "could not be read as JSON");
    }

    private static String describe(Class<?> type) {
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.isEnum()) {
            return "one of the listed strings";
        }
        if (type.isRecord()) {
            return "a JSON object";
        }
        return type.getSimpleName();
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
