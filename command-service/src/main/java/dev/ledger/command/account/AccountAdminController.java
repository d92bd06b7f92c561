package dev.ledger.command.account;

import dev.ledger.web.apidoc.Refuses;
import dev.ledger.web.problem.ForbiddenException;
import dev.ledger.web.problem.InvalidRequestException;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.RequestParams;
import dev.ledger.web.security.AccountTokens;
import dev.ledger.web.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * Accounts and their tokens, for the service token and admin accounts (see shared-web's SecurityConfiguration);
 * {@code ./ledger token} calls these. The introspection endpoint is the query-service's way to check a token.
 */
@RestController
@Tag(name = "Accounts", description = "Accounts and their personal access tokens (service token or admin account): "
        + "create a token, revoke an account's tokens, make an admin, and check a token (the query-service's introspection).")
public class AccountAdminController {

    static final int DISPLAY_NAME_MAX = 200;

    public record TokenRequest(@Schema(example = "Maya", maxLength = DISPLAY_NAME_MAX, nullable = true) String displayName) {
    }

    public record RevokedResponse(@Schema(example = "maya") String handle, @Schema(example = "2") int revoked) {
    }

    public record TokenRevokedResponse(@Schema(example = "true", description = "whether this call revoked a live token")
                                       boolean revoked) {
    }

    public record AdminResponse(@Schema(example = "maya") String handle, @Schema(example = "true") boolean admin) {
    }

    private final Accounts accounts;

    public AccountAdminController(Accounts accounts) {
        this.accounts = accounts;
    }

    @Operation(operationId = "createToken", summary = "Create a personal access token for an account (created when missing)",
            description = "Answers the token once: only its hash is stored. displayName (default: the handle) also renames an "
                    + "existing account. The handle is the participant id the token acts as.")
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    @PostMapping(path = "/admin/accounts/{handle}/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Accounts.IssuedToken> createToken(@PathVariable String handle,
                                                            @RequestBody(required = false) TokenRequest body) {
        String account = RequestParams.participantId("handle", handle);
        String displayName = body == null ? null : displayName(body.displayName());
        return ResponseEntity.status(HttpStatus.CREATED).body(accounts.issueToken(account, displayName));
    }

    @Operation(operationId = "revokeTokens", summary = "Revoke every token of an account",
            description = "The command-service refuses them at once, the query-service within its introspection cache time "
                    + "(at most 30 s).")
    @Refuses(status = 404, field = "handle", when = "there is no account with this handle")
    @DeleteMapping(path = "/admin/accounts/{handle}/tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    public RevokedResponse revokeTokens(@PathVariable String handle) {
        String account = RequestParams.participantId("handle", handle);
        int revoked = accounts.revokeTokens(account)
                .orElseThrow(() -> new NotFoundException("handle", "there is no account '" + account + "'"));
        return new RevokedResponse(account, revoked);
    }

    @Operation(operationId = "makeAdmin", summary = "Make an account an admin (created when missing)",
            description = "An admin account may call /admin/** and read the actuator's health details and metrics.")
    @PutMapping(path = "/admin/accounts/{handle}/admin", produces = MediaType.APPLICATION_JSON_VALUE)
    public AdminResponse makeAdmin(@PathVariable String handle) {
        String account = RequestParams.participantId("handle", handle);
        accounts.makeAdmin(account);
        return new AdminResponse(account, true);
    }

    @Operation(operationId = "introspectToken", summary = "Check an account token (RFC 7662 token introspection)",
            description = "For the service token only (the query-service checks account tokens with it). Answers "
                    + "{\"active\":false} for a token that is unknown or revoked.")
    @Refuses(status = 403, field = "Authorization", when = "the caller is an account, not the service token")
    @PostMapping(path = "/admin/tokens/introspect", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> introspect(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String token) {
        serviceTokenOnly(caller, token, "introspect tokens");
        return AccountTokens.looksLikeOne(token)
                ? accounts.byToken(token).map(AccountTokenIntrospector::claims).orElse(Map.of("active", false))
                : Map.of("active", false);
    }

    @Operation(operationId = "revokeToken", summary = "Revoke one account token (RFC 7009 token revocation)",
            description = "For the service token only: the web view revokes its session's token when the person signs out. "
                    + "Answers 200 also for a token that is unknown or already revoked (RFC 7009), saying whether this call "
                    + "revoked it. The command-service refuses the token at once, the query-service within its introspection "
                    + "cache time (at most 30 s).")
    @Refuses(status = 403, field = "Authorization", when = "the caller is an account, not the service token")
    @PostMapping(path = "/admin/tokens/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public TokenRevokedResponse revokeToken(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String token) {
        serviceTokenOnly(caller, token, "revoke a single token");
        return new TokenRevokedResponse(AccountTokens.looksLikeOne(token) && accounts.revokeToken(token));
    }

    /** The token endpoints (RFC 7662, RFC 7009) are the query-service's, which calls them with the service token. */
    private static void serviceTokenOnly(Caller caller, String token, String action) {
        if (caller != null) {
            throw new ForbiddenException("Authorization", "only the service token may " + action);
        }
        if (token == null || token.isBlank()) {
            throw new InvalidRequestException("token", "must not be blank");
        }
    }

    private static String displayName(String displayName) {
        if (displayName == null) {
            return null;
        }
        if (displayName.isBlank() || displayName.length() > DISPLAY_NAME_MAX || displayName.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequestException("displayName",
                    "must be 1 to " + DISPLAY_NAME_MAX + " characters, not blank, without control characters");
        }
        return displayName.strip();
    }
}
