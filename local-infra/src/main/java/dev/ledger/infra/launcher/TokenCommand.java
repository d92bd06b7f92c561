package dev.ledger.infra.launcher;

import dev.ledger.infra.http.JsonHttp;
import dev.ledger.infra.http.JsonHttp.Answer;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ledger token}: accounts and their personal access tokens through the command-service's admin API,
 * called with the service token ({@code $LEDGER_DATA/service-token}), so it needs the ledger running.
 * <ul>
 *   <li>{@code token [--name "Display Name"] HANDLE}: creates the account when missing and prints a new token,
 *       nothing else on stdout, so that {@code TOKEN=$(./ledger token maya)} works;</li>
 *   <li>{@code token --admin [--name "Display Name"] HANDLE}: the same, and the account becomes an admin;</li>
 *   <li>{@code token --revoke HANDLE}: revokes every token of the account.</li>
 * </ul>
 */
final class TokenCommand {

    static final String USAGE = "usage: ./ledger token [--name \"Display Name\"] HANDLE | token --admin [--name \"Display Name\"] HANDLE"
            + " | token --revoke HANDLE";

    /** What the command line asks for. */
    sealed interface Request {
        String handle();
    }

    record Issue(String handle, String displayName, boolean admin) implements Request {
    }

    record Revoke(String handle) implements Request {
    }

    private final ServiceCalls service;

    TokenCommand(JsonHttp http, String commandUrl, String serviceToken) {
        this.service = new ServiceCalls("command-service", http, commandUrl, serviceToken);
    }

    /** Against the command-service of this ./ledger (its port and service token). */
    static TokenCommand connectedTo(Settings settings) {
        return new TokenCommand(new JsonHttp(Duration.ofSeconds(30)), "http://127.0.0.1:" + settings.commandPort(),
                ServiceCalls.serviceToken(settings));
    }

    void run(List<String> args, PrintStream out, PrintStream err) {
        Request request = parse(args);
        if (request instanceof Revoke revoke) {
            out.println("revoked " + revoke(revoke) + " token(s) of " + revoke.handle());
        } else if (request instanceof Issue issue) {
            out.println(issue(issue));
            err.println(issue.admin() ? "ledger: a new token for the admin " + issue.handle() + " (shown once)"
                    : "ledger: a new token for " + issue.handle() + " (shown once)");
        }
    }

    static Request parse(List<String> args) {
        String handle = null;
        String displayName = null;
        boolean admin = false;
        boolean revoke = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--admin" -> admin = true;
                case "--revoke" -> revoke = true;
                case "--name" -> {
                    if (i + 1 >= args.size()) {
                        throw new LaunchFailure("--name needs a value. " + USAGE);
                    }
                    displayName = args.get(++i);
                }
                default -> {
                    if (arg.startsWith("-") || handle != null) {
                        throw new LaunchFailure("unexpected '" + arg + "'. " + USAGE);
                    }
                    handle = arg;
                }
            }
        }
        if (handle == null) {
            throw new LaunchFailure("which account? " + USAGE);
        }
        if (revoke && (admin || displayName != null)) {
            throw new LaunchFailure("--revoke takes only the handle. " + USAGE);
        }
        return revoke ? new Revoke(handle) : new Issue(handle, displayName, admin);
    }

    /** A new token; the account is created first when missing, and made an admin when asked. */
    String issue(Issue issue) {
        Answer issued = call("POST", accountPath(issue.handle()) + "/tokens",
                issue.displayName() == null ? null : Map.of("displayName", issue.displayName()));
        String token = issued.body().path("token").asString("");
        if (issued.status() != 201 || token.isEmpty()) {
            throw new LaunchFailure("the command-service answered " + issued.status() + " without a token to POST "
                    + accountPath(issue.handle()) + "/tokens");
        }
        if (issue.admin()) {
            Answer admin = call("PUT", accountPath(issue.handle()) + "/admin", null);
            if (!admin.body().path("admin").asBoolean(false)) {
                throw new LaunchFailure("the command-service did not confirm that " + issue.handle() + " is an admin (status "
                        + admin.status() + ")");
            }
        }
        return token;
    }

    /** How many tokens were revoked. */
    int revoke(Revoke revoke) {
        return call("DELETE", accountPath(revoke.handle()) + "/tokens", null).body().path("revoked").asInt(0);
    }

    private Answer call(String method, String path, Object body) {
        return service.call(method, path, body);
    }

    private static String accountPath(String handle) {
        return "/admin/accounts/" + URLEncoder.encode(handle, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
