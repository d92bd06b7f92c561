package dev.ledger.query.web.signin;

import dev.ledger.web.security.Caller;
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

    /** Also at Spring Security's usual /login, where its passkey script sends a failed sign-in ({@code ?error}). */
    @GetMapping({WebSecurityConfiguration.SIGN_IN, "/login"})
    String signIn(@RequestParam(required = false) String error, @AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("error", error == null ? null : switch (error) {
            case "link" -> "This sign-in link has been used already or has expired. Ask for a new one: ./ledger link HANDLE";
            case "unavailable" -> "The ledger could not sign you in just now. Try again in a moment with a new link.";
            default -> "Signing in did not work. Try again.";
        });
        model.addAttribute("caller", caller);
        return "web/sign-in";
    }

    @GetMapping(WebSecurityConfiguration.LINK_SIGN_IN)
    String link(@RequestParam(required = false) String token, Model model) {
        model.addAttribute("token", token);
        return "web/sign-in-link";
    }
}
