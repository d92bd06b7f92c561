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
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The security filters' refusals as problem+json, counted and logged like every other rejection. */
public final class SecurityRefusals implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    static final String DISABLED_DETAIL = "admin endpoints are disabled: start the service with LEDGER_ADMIN_TOKEN set";
    static final String UNAUTHORIZED_DETAIL = "admin endpoints need the header 'Authorization: Bearer <token>' with the"
            + " service's LEDGER_ADMIN_TOKEN (./ledger keeps it in $LEDGER_DATA/admin-token)";

    private final AdminToken adminToken;
    private final ProblemWriter writer;
    private final Rejections rejections;

    public SecurityRefusals(AdminToken adminToken, ProblemWriter writer, Rejections rejections) {
        this.adminToken = adminToken;
        this.writer = writer;
        this.rejections = rejections;
    }

    /** No valid credentials for a protected path: 401 with a Bearer challenge, or 403 while admin is off. */
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        // Only /admin/** is protected today, so "no token configured" means the path cannot be opened at all.
        if (!adminToken.configured()) {
            refuse(request, response, "admin-disabled", HttpStatus.FORBIDDEN, DISABLED_DETAIL,
                    "Authorization", "LEDGER_ADMIN_TOKEN is not set");
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        refuse(request, response, "unauthorized", HttpStatus.UNAUTHORIZED, UNAUTHORIZED_DETAIL,
                "Authorization", "missing or wrong bearer token");
    }

    /** Authenticated, but not allowed here. */
    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        refuse(request, response, "forbidden", HttpStatus.FORBIDDEN, "these credentials do not allow this request",
                "Authorization", "not allowed for this path");
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
