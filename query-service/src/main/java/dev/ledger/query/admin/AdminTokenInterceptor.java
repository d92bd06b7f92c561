package dev.ledger.query.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards {@code /admin/**}: the request must carry {@code Authorization: Bearer <LEDGER_ADMIN_TOKEN>}.
 * Without a configured token the admin endpoints are off. Rejections become problem+json in ApiProblemHandler.
 */
@Component
class AdminTokenInterceptor implements HandlerInterceptor {

    private static final String BEARER = "Bearer ";

    private final byte[] token;

    AdminTokenInterceptor(@Value("${ledger.admin.token:}") String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (token.length == 0) {
            throw new AdminAccessDenied(true, "no admin token configured");
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AdminAccessDenied(false, "no bearer token");
        }
        byte[] presented = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, presented)) {
            throw new AdminAccessDenied(false, "wrong bearer token");
        }
        return true;
    }
}
