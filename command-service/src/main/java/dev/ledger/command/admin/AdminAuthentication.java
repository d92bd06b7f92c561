package dev.ledger.command.admin;

import dev.ledger.command.problem.FieldError;
import dev.ledger.command.problem.Problems;
import dev.ledger.command.problem.Rejections;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;

/**
 * Guards every {@code /admin/**} path with {@code Authorization: Bearer <LEDGER_ADMIN_TOKEN>}. Without a
 * configured token the admin endpoints are off (403); a missing or wrong token is 401 with
 * {@code WWW-Authenticate: Bearer}. The comparison takes the same time whatever the first wrong byte.
 */
@Component
public class AdminAuthentication implements HandlerInterceptor {

    static final String DISABLED_DETAIL = "admin endpoints are disabled: start the service with LEDGER_ADMIN_TOKEN set";
    static final String UNAUTHORIZED_DETAIL =
            "admin endpoints need the header 'Authorization: Bearer <token>' with the service's LEDGER_ADMIN_TOKEN";
    private static final String BEARER = "Bearer ";

    private final byte[] token;
    private final JsonMapper jsonMapper;
    private final Rejections rejections;

    public AdminAuthentication(@Value("${ledger.admin.token:}") String token, JsonMapper jsonMapper, Rejections rejections) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.jsonMapper = jsonMapper;
        this.rejections = rejections;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
        if (token == null) {
            refuse(request, response, HttpStatus.FORBIDDEN, "admin-disabled", DISABLED_DETAIL, "LEDGER_ADMIN_TOKEN is not set");
            return false;
        }
        if (!presented(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            refuse(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", UNAUTHORIZED_DETAIL, "missing or wrong bearer token");
            return false;
        }
        return true;
    }

    private boolean presented(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String kind,
                        String detail, String reason) throws IOException {
        rejections.record(kind, status.value(), request.getMethod(), request.getRequestURI(), "Authorization", reason);
        ProblemDetail problem = Problems.of(status, detail, List.of(new FieldError("Authorization", reason)), Map.of());
        problem.setType(URI.create("urn:ledger:problem:" + kind));
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(jsonMapper.writeValueAsBytes(problem));
    }
}
