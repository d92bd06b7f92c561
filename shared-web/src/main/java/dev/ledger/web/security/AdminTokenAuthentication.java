package dev.ledger.web.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Authenticates the admin bearer token as the operator, with role ADMIN. Other kinds of tokens (accounts)
 * come as further AuthenticationProviders beside this one.
 */
public final class AdminTokenAuthentication implements AuthenticationProvider {

    public static final String ROLE = "ADMIN";

    private final AdminToken adminToken;

    public AdminTokenAuthentication(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        if (!adminToken.matches(((BearerToken) authentication).getCredentials())) {
            throw new BadCredentialsException("missing or wrong bearer token");
        }
        return UsernamePasswordAuthenticationToken.authenticated("admin", null, AuthorityUtils.createAuthorityList("ROLE_" + ROLE));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerToken.class.isAssignableFrom(authentication);
    }
}
