package dev.ledger.web.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * The service token authenticates as the service, with role SERVICE (no {@link Caller}). Any other token is
 * left to the next provider (account tokens, JWTs).
 */
final class ServiceTokenAuthentication implements AuthenticationProvider {

    private final ServiceToken serviceToken;

    ServiceTokenAuthentication(ServiceToken serviceToken) {
        this.serviceToken = serviceToken;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!serviceToken.matches(((BearerTokenAuthenticationToken) authentication).getToken())) {
            return null;
        }
        return UsernamePasswordAuthenticationToken.authenticated("service", null,
                AuthorityUtils.createAuthorityList("ROLE_" + Roles.SERVICE));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
