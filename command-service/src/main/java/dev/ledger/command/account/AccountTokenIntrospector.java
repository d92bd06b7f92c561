package dev.ledger.command.account;

import dev.ledger.web.security.AccountTokens;
import dev.ledger.web.security.Caller;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/**
 * Account tokens on the command-service: looked up in its own tables (remembered briefly by {@link Accounts}; a
 * revocation through this instance takes effect at once here). The query-service asks
 * {@link AccountAdminController#introspect} and caches the answer.
 */
@Component
class AccountTokenIntrospector implements OpaqueTokenIntrospector {

    private final Accounts accounts;

    AccountTokenIntrospector(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    public OAuth2AuthenticatedPrincipal introspect(String token) {
        Caller caller;
        try {
            caller = accounts.byToken(token).orElseThrow(() -> new BadOpaqueTokenException("unknown or revoked token"));
        } catch (DataAccessException e) {
            throw new OAuth2IntrospectionException("the account store is unreachable", e);
        }
        return new DefaultOAuth2AuthenticatedPrincipal(caller.handle(), claims(caller), List.of());
    }

    /** The RFC 7662 claims of a live token, as both the filter and the introspection endpoint give them. */
    static Map<String, Object> claims(Caller caller) {
        return Map.of("active", true, AccountTokens.HANDLE_CLAIM, caller.handle(), AccountTokens.NAME_CLAIM,
                caller.displayName(), AccountTokens.ADMIN_CLAIM, caller.admin());
    }
}
