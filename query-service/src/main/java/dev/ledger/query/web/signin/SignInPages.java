package dev.ledger.query.web.signin;

import dev.ledger.web.request.Formats;
import dev.ledger.web.security.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page ({@code GET /web/sign-in}) and the page a one-time link opens ({@code GET /login/ott?token=}), whose
 * button posts the token to Spring Security's one-time-token login: opening the link alone signs nobody in.
 */
@Controller
class SignInPages {

    private final ObjectProvider<OidcLogin> oidc;

    SignInPages(ObjectProvider<OidcLogin> oidc) {
        this.oidc = oidc;
    }

    /** Also at Spring Security's usual /login, where its passkey script sends a failed sign-in ({@code ?error}). */
    @GetMapping({WebSecurityConfiguration.SIGN_IN, "/login"})
    String signIn(@RequestParam(required = false) String error, @AuthenticationPrincipal Caller caller, Model model) {
        OidcLogin login = oidc.getIfAvailable();
        String provider = login == null ? "your organisation" : login.providerName();
        model.addAttribute("error", error == null ? null : switch (error) {
            case "link" -> "This sign-in link has been used already or has expired. Ask for a new one: ./ledger link HANDLE";
            case "unavailable" -> "The ledger could not sign you in just now. Try again in a moment with a new link.";
            case "handle" -> login == null ? "Your sign-in names no valid handle."
                    : provider + " signed you in, but its claim '" + login.handleClaim() + "' is not a handle this ledger "
                    + "accepts (a handle " + Formats.PARTICIPANT_ID_RULE + "). You are not signed in; ask whoever runs "
                    + provider + " or this ledger.";
            case "oidc" -> "Signing in with " + provider + " did not work. Try again.";
            case "oidc-unreachable" -> provider + " cannot be reached just now. Try again in a moment, or sign in with a link.";
            default -> "Signing in did not work. Try again.";
        });
        model.addAttribute("caller", caller);
        model.addAttribute("oidcProvider", login == null ? null : login.providerName());
        return "web/sign-in";
    }

    /**
     * The "Sign in with ..." button: the issuer's endpoints are discovered here, on first use, so an unreachable
     * provider gives a page that says so instead of Spring's bare error; then on to the provider.
     */
    @GetMapping(OidcLogin.START)
    String oidc() {
        OidcLogin login = oidc.getIfAvailable();
        if (login == null) {
            return "redirect:" + WebSecurityConfiguration.SIGN_IN;
        }
        return login.registration().isPresent() ? "redirect:" + OidcLogin.AUTHORIZATION
                : "redirect:" + WebSecurityConfiguration.SIGN_IN + "?error=oidc-unreachable";
    }

    @GetMapping(WebSecurityConfiguration.LINK_SIGN_IN)
    String link(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        return "web/sign-in-link";
    }
}
