package dev.ledger.query.account;

import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.request.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.ott.GenerateOneTimeTokenRequest;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;

/**
 * One-time sign-in links to the web view ({@code ./ledger link HANDLE}): an admin endpoint, so only the service
 * token and admin accounts may make one (shared-web's SecurityConfiguration guards /admin/**). The link signs in as
 * the handle once, within 10 minutes; the account is created at that sign-in when it is missing, as
 * {@code ./ledger token} creates it. An API endpoint (problem+json answers), so not in the web view's package.
 */
@RestController
@Tag(name = "Admin", description = "Rebuilding the read model from the topic or the event store, and checking it (service token or admin account)")
class SignInLinkController {

    static final Duration VALID_FOR = Duration.ofMinutes(10);
    /** Where the web view's one-time-token login (dev.ledger.query.web.signin) takes a link's token. */
    private static final String LINK_SIGN_IN = "/login/ott";
    private static final Logger log = LoggerFactory.getLogger(SignInLinkController.class);

    record SignInLinkRequest(String handle) {
    }

    record SignInLink(String handle, String url, Instant expiresAt) {
    }

    private final OneTimeTokenService tokens;
    private final String baseUrl;

    SignInLinkController(OneTimeTokenService tokens, @Value("${ledger.web.base-url:}") String baseUrl) {
        this.tokens = tokens;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Operation(operationId = "createSignInLink", summary = "A one-time link that signs a person in to the web view",
            description = "The link opens a page whose button signs in as the handle: once, within 10 minutes. The account"
                    + " is created at that sign-in when it is missing. ./ledger link HANDLE calls this with the service token.")
    @ApiResponse(responseCode = "201", description = "Made", useReturnTypeSchema = true)
    @Refuses(status = 400, when = "the handle is missing or not a valid handle", field = "handle")
    @PostMapping("/admin/sign-in-links")
    ResponseEntity<SignInLink> create(@RequestBody SignInLinkRequest body, HttpServletRequest request) {
        String handle = RequestParams.participantId("handle", body == null ? null : body.handle());
        OneTimeToken token = tokens.generate(new GenerateOneTimeTokenRequest(handle, VALID_FOR));
        String url = base(request) + LINK_SIGN_IN + "?token=" + token.getTokenValue();
        log.info("Made a one-time sign-in link, valid until {}", token.getExpiresAt());
        return ResponseEntity.status(HttpStatus.CREATED).body(new SignInLink(handle, url, token.getExpiresAt()));
    }

    /**
     * ledger.web.base-url (LEDGER_WEB_BASE_URL) or, without it, this service's own address; a loopback address is named
     * localhost, which browsers accept as a passkey's relying party (an IP address is not).
     */
    private String base(HttpServletRequest request) {
        if (!baseUrl.isBlank()) {
            return baseUrl;
        }
        return WebAddress.of(request.getLocalAddr(), request.getLocalPort());
    }
}
