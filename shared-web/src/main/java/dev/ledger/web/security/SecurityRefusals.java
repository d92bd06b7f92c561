package dev.ledger.web.security;

import dev.ledger.web.problem.FieldError;
import dev.ledger.web.problem.ProblemWriter;
import dev.ledger.web.problem.Problems;
import dev.ledger.web.problem.Rejections;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The security filters' refusals as problem+json, counted and logged like every other rejection. */
public final class SecurityRefusals implements AuthenticationEntryPoint, AuthenticationFailureHandler, AccessDeniedHandler,
        RequestRejectedHandler {

    static final String UNAUTHORIZED_DETAIL = "This request needs the header 'Authorization: Bearer <token>' with an account"
            + " token (./ledger token HANDLE prints one), or a JWT of the configured OIDC issuer.";
    static final String ADMIN_UNAUTHORIZED_DETAIL = "This request needs the header 'Authorization: Bearer <token>' with the"
            + " token of an admin account or the service token (LEDGER_SERVICE_TOKEN).";
    static final String ADMIN_FORBIDDEN_DETAIL = "Only an admin account or the service token may call this.";
    static final String SERVICE_FORBIDDEN_DETAIL = "The service token is not an account and cannot act as a participant;"
            + " send an account token.";

    private final RequestMatcher adminPaths;
    private final ProblemWriter writer;
    private final Rejections rejections;

    SecurityRefusals(RequestMatcher adminPaths, ProblemWriter writer, Rejections rejections) {
        this.adminPaths = adminPaths;
        this.writer = writer;
        this.rejections = rejections;
    }

    /** No valid credentials where they are needed, or a bearer token that is not valid anywhere: 401 with a challenge. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        boolean invalidToken = e instanceof InvalidBearerTokenException;
        // RFC 6750: a token that was sent but is not valid is named as such; a missing one gets the bare challenge
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        refuse(request, response, "unauthorized", HttpStatus.UNAUTHORIZED,
                adminPaths.matches(request) ? ADMIN_UNAUTHORIZED_DETAIL : UNAUTHORIZED_DETAIL, "Authorization",
                invalidToken ? "the bearer token is not valid (unknown, revoked or expired)" : "missing bearer token");
    }

    /** A bearer token that could not be checked at all (the account store unreachable): 503, not the caller's fault. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (!(e instanceof AuthenticationServiceException)) {
            commence(request, response, e);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        refuse(request, response, "unavailable", HttpStatus.SERVICE_UNAVAILABLE,
                "The bearer token could not be checked right now; try again shortly.", "Authorization",
                "could not be checked");
    }

    /** Authenticated, but not allowed here. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        boolean admin = adminPaths.matches(request);
        refuse(request, response, "forbidden", HttpStatus.FORBIDDEN, admin ? ADMIN_FORBIDDEN_DETAIL : SERVICE_FORBIDDEN_DETAIL,
                "Authorization", admin ? "not an admin account or the service token" : "not an account token");
    }

    /** A path the firewall refuses before any matching (see ProtectedPathsFirewall). */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        refuse(request, response, "validation", HttpStatus.BAD_REQUEST,
                "The request could not be read: its URL or headers hold characters the ledger does not accept"
                        + " on this path. Fix the request and send it again.",
                "path", "not a valid URL path");
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String kind, HttpStatus status,
                        String detail, String field, String reason) throws IOException {
        rejections.record(kind, status.value(), request.getMethod(), request.getRequestURI(), field, reason);
        writer.write(request, response, Problems.of(kind, status, detail, List.of(new FieldError(field, reason)), Map.of()));
    }
}
