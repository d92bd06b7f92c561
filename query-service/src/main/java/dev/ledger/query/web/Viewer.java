package dev.ledger.query.web;

import dev.ledger.web.security.Reader;
import dev.ledger.web.security.Caller;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who is looking at a page: a signed-in account (handle and display name) or nobody ({@code handle} null). */
public record Viewer(String handle, String displayName, Reader reader) {

    public static Viewer current() {
        Reader reader = Reader.current();
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Caller caller) {
            return new Viewer(caller.handle(), caller.displayName(), reader);
        }
        return new Viewer(null, null, reader);
    }

    public boolean signedIn() {
        return handle != null;
    }
}
