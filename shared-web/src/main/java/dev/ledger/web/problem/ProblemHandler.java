package dev.ledger.web.problem;

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
 * Every error of a service's API as application/problem+json (RFC 9457): {@link Refusal}s with the field
 * at fault, unreadable JSON bodies (with the offending field), Spring MVC's own errors (unknown path, 405,
 * 415, ...), and anything unexpected (500, logged with its stack trace, never shown). Each service extends
 * it as its {@code @RestControllerAdvice}, adding the failures only it knows.
 */
public abstract class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    protected final Rejections rejections;
    private final String unexpectedDetail;

    /** {@code unexpectedDetail}: what a 500 tells the client, e.g. whether anything was recorded. */
    protected ProblemHandler(Rejections rejections, String unexpectedDetail) {
        this.rejections = rejections;
        this.unexpectedDetail = unexpectedDetail;
    }

    @ExceptionHandler(Refusal.class)
    public ResponseEntity<Object> refused(Refusal refusal, HttpServletRequest request) {
        return problem(refusal.kind(), refusal.status(), detail(refusal), refusal.field(), refusal.reason(), refusal.extras(),
                request);
    }

    /** The problem's detail for a refusal; a service may add advice on what to do next. */
    protected String detail(Refusal refusal) {
        return refusal.getMessage();
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        ResponseEntity<Object> recognised = recognise(e, request);
        if (recognised != null) {
            return recognised;
        }
        log.error("Unexpected failure on {} {}", Rejections.loggable(request.getMethod()), Rejections.loggable(request.getRequestURI()), e);
        ProblemDetail body = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, unexpectedDetail, List.of(), Map.of());
        body.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(500).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /** A failure the service can name although nothing threw a Refusal (say, its database is down); null if not. */
    protected ResponseEntity<Object> recognise(Exception e, HttpServletRequest request) {
        return null;
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        FieldError error = unreadable(ex);
        return problem(HttpStatus.BAD_REQUEST, "The request body could not be read: " + error.field() + " " + error.reason(),
                error.field(), error.reason(), Map.of(), servletRequest(request));
    }

    /** Spring MVC's other errors (404 route, 405, 415, ...): same problem shape, errors list empty. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        HttpServletRequest servlet = servletRequest(request);
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

    /** A 4xx naming one field (none when {@code field} is null), counted and logged as a rejection. */
    protected ResponseEntity<Object> problem(HttpStatusCode status, String detail, String field, String reason,
                                             Map<String, Object> extras, HttpServletRequest request) {
        return problem(Problems.kindOf(status), status, detail, field, reason, extras, request);
    }

    private ResponseEntity<Object> problem(String kind, HttpStatusCode status, String detail, String field, String reason,
                                           Map<String, Object> extras, HttpServletRequest request) {
        List<FieldError> errors = field == null ? List.of() : List.of(new FieldError(field, reason));
        ProblemDetail body = Problems.of(kind, status, detail, errors, extras);
        if (request != null) {
            body.setInstance(URI.create(request.getRequestURI()));
            rejections.record(kind, status.value(), request.getMethod(), request.getRequestURI(), field, reason);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    /**
     * A 503 the client should simply send again after {@code retryAfterSeconds} (the service is busy or not ready;
     * nothing was written): problem+json of {@code kind} with a Retry-After header, counted and logged as a rejection.
     */
    protected ResponseEntity<Object> retryLater(String kind, String detail, String field, String reason, long retryAfterSeconds,
                                                Map<String, Object> extras, HttpServletRequest request) {
        List<FieldError> errors = field == null ? List.of() : List.of(new FieldError(field, reason));
        ProblemDetail body = Problems.of(kind, HttpStatus.SERVICE_UNAVAILABLE, detail, errors, extras);
        body.setInstance(URI.create(request.getRequestURI()));
        rejections.record(kind, 503, request.getMethod(), request.getRequestURI(), field, reason);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    protected static HttpServletRequest servletRequest(WebRequest request) {
        return ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
    }

    protected static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
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
}
