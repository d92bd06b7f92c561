package dev.ledger.query.web.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.util.Optional;

/**
 * The command token a signed-in browser acts with: minted at sign-in and kept in the server-side HTTP session only,
 * never in a cookie or a page, so a form post reaches the command-service as that account.
 */
public final class SessionToken {

    private static final String ATTRIBUTE = SessionToken.class.getName();

    private SessionToken() {
    }

    static void keep(HttpSession session, String token) {
        session.setAttribute(ATTRIBUTE, token);
    }

    /** The token of the request's session, if it is signed in. */
    public static Optional<String> of(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        return session == null ? Optional.empty() : of(session);
    }

    static Optional<String> of(HttpSession session) {
        return Optional.ofNullable((String) session.getAttribute(ATTRIBUTE));
    }
}
