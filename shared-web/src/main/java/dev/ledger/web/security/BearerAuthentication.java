package dev.ledger.web.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationManagerResolver;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.OpaqueTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Chooses how a request's bearer token is checked: the service token first, then a JWT of the OIDC issuer (when
 * LEDGER_OIDC_ISSUER is set and the token has the three dot-separated parts of a JWT) or an account token, which
 * the service's {@link OpaqueTokenIntrospector} looks up.
 */
final class BearerAuthentication implements AuthenticationManagerResolver<HttpServletRequest> {

    private final BearerTokenResolver tokens = new DefaultBearerTokenResolver();
    private final AuthenticationManager accountTokens;
    private final AuthenticationManager jwts;

    /** @param jwtDecoder the OIDC issuer's decoder, or null when no issuer is configured */
    BearerAuthentication(ServiceToken serviceToken, OpaqueTokenIntrospector introspector, JwtDecoder jwtDecoder,
                         String handleClaim) {
        ServiceTokenAuthentication service = new ServiceTokenAuthentication(serviceToken);
        OpaqueTokenAuthenticationProvider opaque = new OpaqueTokenAuthenticationProvider(token -> {
            // anything else is no account token: not worth a lookup (nor, on the query-service, a call)
            if (!AccountTokens.looksLikeOne(token)) {
                throw new BadOpaqueTokenException("not a ledger account token");
            }
            return introspector.introspect(token);
        });
        opaque.setAuthenticationConverter((token, account) -> CallerAuthentication.ofIntrospected(account));
        this.accountTokens = new ProviderManager(service, opaque);
        if (jwtDecoder == null) {
            this.jwts = null;
        } else {
            JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(jwtDecoder);
            jwt.setJwtAuthenticationConverter(decoded -> CallerAuthentication.ofJwt(decoded, handleClaim));
            this.jwts = new ProviderManager(service, jwt);
        }
    }

    @Override
    public AuthenticationManager resolve(HttpServletRequest request) {
        String token = tokens.resolve(request);
        return jwts != null && token != null && looksLikeJwt(token) ? jwts : accountTokens;
    }

    private static boolean looksLikeJwt(String token) {
        return token.chars().filter(c -> c == '.').count() == 2;
    }
}
