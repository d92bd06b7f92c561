package dev.ledger.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

import java.util.List;

/** A token from {@code Authorization: Bearer <token>}, not yet checked by any AuthenticationProvider. */
public final class BearerToken extends AbstractAuthenticationToken {

    private static final String SCHEME = "Bearer ";

    private final String token;

    BearerToken(String token) {
        super(List.of());
        this.token = token;
    }

    /** The token (a credential: never log it). */
    @Override
    public String getCredentials() {
        return token;
    }

    @Override
    public Object getPrincipal() {
        return null;
    }

    /** Reads the bearer token of a request; null (anonymous) without one or with another scheme. */
    static final class FromHeader implements AuthenticationConverter {

        @Override
        public Authentication convert(HttpServletRequest request) {
            String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
            if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
                return null;
            }
            return new BearerToken(authorization.substring(SCHEME.length()).strip());
        }
    }
}
