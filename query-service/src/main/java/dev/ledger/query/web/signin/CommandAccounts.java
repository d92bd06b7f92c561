package dev.ledger.query.web.signin;

import dev.ledger.query.web.CommandServiceHttp;
import dev.ledger.web.security.ServiceToken;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.util.Map;

/**
 * A new account token for a person who signed in to the web view, from the command-service's admin API with the
 * service token ({@code POST /admin/accounts/{handle}/tokens}), which creates the account when it is missing, as
 * {@code ./ledger token} does.
 */
@Component
class CommandAccounts {

    /** The admin API's answer. */
    record IssuedToken(String handle, String displayName, String token) {
    }

    private final CommandServiceHttp http;
    private final ServiceToken serviceToken;

    CommandAccounts(CommandServiceHttp http, ServiceToken serviceToken) {
        this.http = http;
        this.serviceToken = serviceToken;
    }

    /** A new token of the account (its display name kept, or the handle for a new account). */
    IssuedToken issue(String handle) {
        IssuedToken issued = http.client().post().uri("/admin/accounts/{handle}/tokens", handle)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken.value())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of())
                .retrieve().body(IssuedToken.class);
        if (issued == null || issued.token() == null || issued.token().isBlank()) {
            throw new IllegalStateException("the command-service answered without a token for the new sign-in");
        }
        return issued;
    }

    /** Revokes one token of an account (RFC 7009 at {@code POST /admin/tokens/revoke}, with the service token). */
    void revoke(String token) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", token);
        http.client().post().uri("/admin/tokens/revoke")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + serviceToken.value())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .retrieve().toBodilessEntity();
    }
}
