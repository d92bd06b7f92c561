package dev.ledger.query.web.signin;

import dev.ledger.query.web.Viewer;
import dev.ledger.web.security.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.List;

/**
 * The signed-in person's passkeys ({@code GET /webauthn/register}): the ones registered, and a button that registers
 * one more with Spring Security's WebAuthn endpoints ({@code /webauthn/register/options}, {@code /webauthn/register})
 * through Spring's script and ours ({@code /web/passkeys.js}), no inline script.
 */
@Controller
class PasskeyPages {

    static final String REGISTRATION = "/webauthn/register";

    private final PublicKeyCredentialUserEntityRepository users;
    private final UserCredentialRepository passkeys;

    PasskeyPages(PublicKeyCredentialUserEntityRepository users, UserCredentialRepository passkeys) {
        this.users = users;
        this.passkeys = passkeys;
    }

    /** One registered passkey as the page lists it. */
    record Passkey(String label, String created, String lastUsed) {
    }

    @GetMapping(REGISTRATION)
    String passkeys(@AuthenticationPrincipal Caller caller, Model model) {
        PublicKeyCredentialUserEntity user = users.findByUsername(caller.handle());
        List<CredentialRecord> registered = user == null ? List.of() : passkeys.findByUserId(user.getId());
        model.addAttribute("caller", caller);
        model.addAttribute("viewer", Viewer.current()); // the header's signed-in state and its Sign out
        model.addAttribute("passkeys", registered.stream().map(record -> new Passkey(record.getLabel(),
                String.valueOf(record.getCreated()), record.getLastUsed() == null ? "" : String.valueOf(record.getLastUsed()))).toList());
        return "web/passkeys";
    }
}
