package dev.ledger.query.web.signin;

import dev.ledger.web.request.Formats;
import dev.ledger.web.security.CallerAuthentication;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

import java.io.IOException;
import java.util.function.Function;

/**
 * What every way of signing in to the web view (a one-time link, a passkey, the OIDC issuer) ends with: a new command token for
 * the handle, minted through the command-service's admin API and kept in the session ({@link SessionToken}), and the
 * session's principal replaced by the {@link dev.ledger.web.security.Caller} that token introspects as, the same
 * principal a bearer token gives the API (so DebateReadGuard and {@code @AuthenticationPrincipal Caller} treat both
 * alike). When the identity names no valid handle, or the command-service cannot mint a token, the sign-in fails: the
 * session is dropped and the person is sent back to the sign-in page, which says why.
 */
final class SessionSignIn implements AuthenticationSuccessHandler {

    private static final Logger log = LoggerFactory.getLogger(SessionSignIn.class);

    private final CommandAccounts accounts;
    private final OpaqueTokenIntrospector introspector;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();
    private final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final AuthenticationSuccessHandler next;
    private final Function<Authentication, String> handleOf;

    /** @param next what the way of signing in answers once signed in (a redirect; JSON for a passkey's script) */
    SessionSignIn(CommandAccounts accounts, OpaqueTokenIntrospector introspector, AuthenticationSuccessHandler next) {
        this(accounts, introspector, next, Authentication::getName);
    }

    /** @param handleOf the handle the sign-in names (a link's and a passkey's: the user name; OIDC: a claim) */
    SessionSignIn(CommandAccounts accounts, OpaqueTokenIntrospector introspector, AuthenticationSuccessHandler next,
                  Function<Authentication, String> handleOf) {
        this.accounts = accounts;
        this.introspector = introspector;
        this.next = next;
        this.handleOf = handleOf;
    }

    /** Then to the page that asked for the sign-in, or the person's debates. */
    static AuthenticationSuccessHandler toThePageAsked() {
        SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();
        redirect.setDefaultTargetUrl(WebSecurityConfiguration.HOME);
        return redirect;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response, Authentication signedIn)
            throws IOException, jakarta.servlet.ServletException {
        String handle = handleOf.apply(signedIn);
        if (!Formats.isParticipantId(handle)) {
            log.warn("Web sign-in refused: {} names no valid handle", signedIn.getClass().getSimpleName());
            refuse(request, response, "handle");
            return;
        }
        CallerAuthentication caller;
        String token;
        try {
            token = accounts.issue(handle).token();
            caller = CallerAuthentication.ofIntrospected(introspector.introspect(token));
        } catch (RuntimeException e) {
            log.warn("Web sign-in failed: could not get a command token for the account ({})", e.getClass().getSimpleName());
            refuse(request, response, "unavailable");
            return;
        }
        SessionToken.keep(request.getSession(), token);
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(caller);
        contexts.setContext(context);
        sessions.saveContext(context, request, response);
        log.info("Web sign-in of an account by {}", signedIn.getClass().getSimpleName());
        next.onAuthenticationSuccess(request, response, caller);
    }

    /** Nobody stays signed in: the session the sign-in made is dropped, and the sign-in page says why. */
    private void refuse(HttpServletRequest request, HttpServletResponse response, String error) throws IOException {
        contexts.clearContext();
        request.getSession().invalidate();
        response.sendRedirect(request.getContextPath() + WebSecurityConfiguration.SIGN_IN + "?error=" + error);
    }
}
