package dev.ledger.web.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is reading a debate, as far as reading goes, on either service: an account's handle (null when anonymous or
 * the service token) and whether it reads as an admin (admin accounts and the service token read every debate).
 */
public record Reader(String handle, boolean admin) {

    private static final String SERVICE_AUTHORITY = "ROLE_" + Roles.SERVICE;

    /** The reader of the current request, from the security context the bearer token filled. */
    public static Reader current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The reader an authentication stands for (null: anonymous). */
    public static Reader of(Authentication authentication) {
        if (authentication == null) {
            return new Reader(null, false);
        }
        if (authentication.getPrincipal() instanceof Caller caller) {
            return new Reader(caller.handle(), caller.admin());
        }
        boolean service = authentication.getAuthorities().stream()
                .anyMatch(authority -> SERVICE_AUTHORITY.equals(authority.getAuthority()));
        return new Reader(null, service);
    }
}
