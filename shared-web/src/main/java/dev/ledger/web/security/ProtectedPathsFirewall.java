package dev.ledger.web.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Spring Security's strict firewall on the protected paths only. It guards path matching where access
 * depends on it; on the open API it would refuse odd but harmless requests (an encoded ';' or '%' in a
 * participant id) with a bare 400 before the API can answer with a 400 naming the field at fault.
 */
final class ProtectedPathsFirewall implements HttpFirewall {

    private final StrictHttpFirewall strict = new StrictHttpFirewall();
    private final RequestMatcher protectedPaths;

    ProtectedPathsFirewall(RequestMatcher protectedPaths) {
        this.protectedPaths = protectedPaths;
    }

    @Override
    public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
        if (protectedPaths.matches(request)) {
            return strict.getFirewalledRequest(request);
        }
        return new FirewalledRequest(request) {
            @Override
            public void reset() {
            }
        };
    }

    @Override
    public HttpServletResponse getFirewalledResponse(HttpServletResponse response) {
        return strict.getFirewalledResponse(response);
    }
}
