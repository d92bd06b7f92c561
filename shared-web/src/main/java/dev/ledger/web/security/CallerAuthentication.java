package dev.ledger.web.security;

import dev.ledger.web.request.Formats;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.List;

/** An authenticated account: its {@link Caller} is the principal, with role ACCOUNT (and ADMIN for admins). */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(authorities(caller));
        this.caller = caller;
        setAuthenticated(true);
    }

    /**
     * An account token as the introspection (the command-service's tables, directly or over HTTP) described it; also
     * the web view's signed-in session, which acts with such a token.
     */
    public static CallerAuthentication ofIntrospected(OAuth2AuthenticatedPrincipal account) {
        String handle = account.getAttribute(AccountTokens.HANDLE_CLAIM);
        String name = account.getAttribute(AccountTokens.NAME_CLAIM);
        Object admin = account.getAttribute(AccountTokens.ADMIN_CLAIM);
        return new CallerAuthentication(new Caller(handle, name == null ? handle : name,
                Boolean.TRUE.equals(admin) || "true".equals(admin)));
    }

    /**
     * A JWT of the configured OIDC issuer: the handle is the claim {@code handleClaim}, which must be a valid
     * participant id. Such callers are never admins here (admin rights belong to ledger accounts).
     */
    static CallerAuthentication ofJwt(Jwt jwt, String handleClaim) {
        String handle = jwt.getClaimAsString(handleClaim);
        if (handle == null || !Formats.isParticipantId(handle)) {
            throw new InvalidBearerTokenException("the token's claim '" + handleClaim + "' is not a valid handle");
        }
        String name = jwt.getClaimAsString("name");
        return new CallerAuthentication(new Caller(handle, name == null || name.isBlank() ? handle : name, false));
    }

    private static List<GrantedAuthority> authorities(Caller caller) {
        return caller.admin()
                ? AuthorityUtils.createAuthorityList("ROLE_" + Roles.ACCOUNT, "ROLE_" + Roles.ADMIN)
                : AuthorityUtils.createAuthorityList("ROLE_" + Roles.ACCOUNT);
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    /** Never kept: the token is not needed once the caller is known. */
    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return caller.handle();
    }
}
