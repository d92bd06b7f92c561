package dev.ledger.command.history;

import dev.ledger.web.security.Caller;
import dev.ledger.web.security.Roles;
import org.springframework.security.core.Authentication;

/**
 * Who asks for a debate's history: an account's handle (null when anonymous or the service token), and whether it
 * may see every debate (admin accounts and the service token), as the query side decides reads.
 */
record Asker(String handle, boolean admin) {

    private static final String SERVICE_AUTHORITY = "ROLE_" + Roles.SERVICE;

    static Asker of(Authentication authentication) {
        if (authentication == null) {
            return new Asker(null, false);
        }
        if (authentication.getPrincipal() instanceof Caller caller) {
            return new Asker(caller.handle(), caller.admin());
        }
        return new Asker(null, authentication.getAuthorities().stream()
                .anyMatch(authority -> SERVICE_AUTHORITY.equals(authority.getAuthority())));
    }
}
