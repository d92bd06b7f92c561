package dev.ledger.infra.http;

import dev.ledger.infra.http.JsonHttp.Answer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Account tokens for the local tools and tests that send commands (the demo's personas, the benchmark's writers, the
 * system tests' participants): each handle's token is made once through the command-service's admin API
 * ({@code POST /admin/accounts/{handle}/tokens}), authenticated with the service token.
 */
public final class AccountTokens {

    /** The environment variable both services and these tools read the service token from. */
    public static final String SERVICE_TOKEN_VARIABLE = "LEDGER_SERVICE_TOKEN";

    private static final Pattern VIEW_PATH = Pattern.compile("/debates/[^/]+/participants/([^/?]+)/views/.*");
    private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(30));
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final String commandUrl;
    private final String serviceToken;

    public AccountTokens(String commandUrl, String serviceToken) {
        this.commandUrl = commandUrl.endsWith("/") ? commandUrl.substring(0, commandUrl.length() - 1) : commandUrl;
        this.serviceToken = serviceToken;
    }

    /** The service token from {@value #SERVICE_TOKEN_VARIABLE}; a clear failure when it is not set. */
    public static String serviceTokenFromEnvironment() {
        String token = System.getenv(SERVICE_TOKEN_VARIABLE);
        if (token == null || token.isBlank()) {
            throw new IllegalStateException(SERVICE_TOKEN_VARIABLE + " is not set: the tools create accounts with the"
                    + " services' token (./ledger up keeps it in $LEDGER_DATA/service-token)");
        }
        return token.strip();
    }

    public String serviceToken() {
        return serviceToken;
    }

    /** The token of the account {@code handle}, creating the account (display name: the handle) on first use. */
    public String tokenOf(String handle) {
        return tokens.computeIfAbsent(handle, this::create);
    }

    /** {@code Authorization} header value for the account {@code handle}. */
    public String bearerOf(String handle) {
        return "Bearer " + tokenOf(handle);
    }

    /**
     * The participant a command names as acting (the body's {@code by} or {@code participantId}, the path's
     * participantId of a view), for tests and tools written before commands were authenticated; {@code fallback}
     * when it names none or no valid handle.
     */
    public static String actorNamedBy(String path, String jsonBody, String fallback) {
        Matcher view = VIEW_PATH.matcher(path);
        String named = view.matches() ? view.group(1) : null;
        if (named == null && jsonBody != null) {
            try {
                JsonNode body = JSON.readTree(jsonBody);
                JsonNode actor = body.isObject() ? (body.has("by") ? body.get("by") : body.get("participantId")) : null;
                named = actor != null && actor.isString() ? actor.asString() : null;
            } catch (JacksonException unreadable) {
                named = null;
            }
        }
        return named != null && HANDLE.matcher(named).matches() ? named : fallback;
    }

    private String create(String handle) {
        Answer created;
        try {
            created = http.send("POST", commandUrl + "/admin/accounts/" + handle + "/tokens", null,
                    "Authorization", "Bearer " + serviceToken);
        } catch (IOException e) {
            throw new IllegalStateException("could not reach " + commandUrl + " to create a token for " + handle + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating a token for " + handle, e);
        }
        if (created.status() != 201) {
            throw new IllegalStateException("POST /admin/accounts/" + handle + "/tokens answered " + created.status() + ": "
                    + created.body() + (created.status() == 401 ? " (is " + SERVICE_TOKEN_VARIABLE + " the services' token?)" : ""));
        }
        return created.body().path("token").asString();
    }
}
