package dev.ledger.infra.launcher;

import dev.ledger.infra.http.JsonHttp;
import dev.ledger.infra.http.JsonHttp.Answer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ledger link HANDLE}: a one-time sign-in link to the web view for the account HANDLE, from the
 * query-service's {@code POST /admin/sign-in-links} with the service token. Prints the link and nothing else on
 * stdout; it signs in once, within 10 minutes, and creates the account at that sign-in when it is missing.
 */
final class LinkCommand {

    static final String USAGE = "usage: ./ledger link HANDLE";

    private final ServiceCalls queryService;

    LinkCommand(JsonHttp http, String queryUrl, String serviceToken) {
        this.queryService = new ServiceCalls("query-service", http, queryUrl, serviceToken);
    }

    /** Against the query-service of this ./ledger (its port and service token). */
    static LinkCommand connectedTo(Settings settings) {
        return new LinkCommand(new JsonHttp(Duration.ofSeconds(30)), "http://127.0.0.1:" + settings.queryPort(),
                ServiceCalls.serviceToken(settings));
    }

    void run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || args.get(0).startsWith("-")) {
            throw new LaunchFailure(args.isEmpty() ? "which account? " + USAGE : "unexpected arguments. " + USAGE);
        }
        Answer link = queryService.call("POST", "/admin/sign-in-links", Map.of("handle", args.get(0)));
        String url = link.body().path("url").asString("");
        if (url.isEmpty()) {
            throw new LaunchFailure("the query-service answered " + link.status() + " without a link");
        }
        out.println(url);
        err.println("ledger: open it in your browser to sign in as " + args.get(0) + "; it works once, until "
                + link.body().path("expiresAt").asString("") + " (10 minutes)");
    }
}
