package dev.ledger.infra.replay;

import dev.ledger.infra.http.JsonHttp;
import dev.ledger.infra.http.JsonHttp.Answer;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./ledger replay}: starts a rebuild of the query-service's read model through its admin API and follows
 * it until the rebuilt model is live. Ctrl-C interrupts the rebuild (the live model stays as it was) and running
 * it again resumes. The service token comes from the environment ({@code LEDGER_SERVICE_TOKEN}), never from the
 * command line, so that it does not show in the process list.
 */
public final class Replay {

    static final String USAGE = "usage: ./ledger replay [--source auto|kafka|event-store]";
    private static final List<String> SOURCES = List.of("auto", "kafka", "event-store");

    /** What the command line asked for. */
    record Options(String queryUrl, String source) {

        static Options parse(String[] args) {
            String queryUrl = "http://127.0.0.1:8081";
            String source = "auto";
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.startsWith("--source=")) {
                    source = option.substring("--source=".length());
                } else if (option.equals("--source") || option.equals("--query-url")) {
                    if (i + 1 == args.length) {
                        throw new ReplayFailure(option + " needs a value (" + USAGE + ")");
                    }
                    if (option.equals("--source")) {
                        source = args[++i];
                    } else {
                        queryUrl = args[++i];
                    }
                } else {
                    throw new ReplayFailure("unknown option '" + option + "' (" + USAGE + ")");
                }
            }
            if (!SOURCES.contains(source)) {
                throw new ReplayFailure("unknown source '" + source + "': choose auto, kafka or event-store");
            }
            return new Options(queryUrl.endsWith("/") ? queryUrl.substring(0, queryUrl.length() - 1) : queryUrl, source);
        }
    }

    private final JsonHttp http = new JsonHttp(Duration.ofSeconds(60));
    private final Options options;
    private final String token;
    private final PrintStream out;
    private final Duration pollEvery;
    private volatile boolean following;   // a rebuild was started or joined, and Ctrl-C should interrupt it

    Replay(Options options, String token, PrintStream out, Duration pollEvery) {
        this.options = options;
        this.token = token;
        this.out = out;
        this.pollEvery = pollEvery;
    }

    public static void main(String[] args) {
        try {
            Options options = Options.parse(args);
            String token = System.getenv("LEDGER_SERVICE_TOKEN");
            if (token == null || token.isBlank()) {
                throw new ReplayFailure("LEDGER_SERVICE_TOKEN is not set: run this through ./ledger replay");
            }
            Replay replay = new Replay(options, token, System.out, Duration.ofSeconds(2));
            Runtime.getRuntime().addShutdownHook(new Thread(replay::interruptIfFollowing, "replay-interrupt"));
            int status;
            try {
                status = replay.run();
            } finally {
                replay.following = false;
            }
            System.exit(status);
        } catch (ReplayFailure e) {
            System.err.println("ledger: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Starts (or joins) a rebuild and follows it; returns the exit status: 0 once the rebuilt model is live. */
    int run() {
        requireQueryServiceUp();
        Answer started = send("POST", "/admin/rebuild?source=" + options.source());
        switch (started.status()) {
            case 202 -> {
            }
            case 409 -> out.println("A rebuild is already running; following it (Ctrl-C interrupts it).");
            case 401, 403 -> throw new ReplayFailure("the query-service refused the service token (" + started.status()
                    + "): was it started by this ./ledger with the same LEDGER_DATA? Restart it with "
                    + "./ledger down query-service && ./ledger up query-service");
            default -> throw new ReplayFailure("the query-service answered " + started.status() + ": " + started.body());
        }
        following = true;
        out.println("Rebuilding the read model (source " + options.source()
                + ") into fresh tables; the live ones keep serving until the swap.");
        while (true) {
            JsonNode status = send("GET", "/admin/rebuild").body();
            String state = status.path("state").asString("");
            String source = status.path("source").asString("?");
            switch (state) {
                case "running", "swapping" -> out.println("  " + state + " (" + source + "): " + progress(status) + ", "
                        + (status.path("secondsLeft").isNumber() ? status.path("secondsLeft").asLong() : "?") + " s left");
                case "completed" -> {
                    out.println("Completed (" + source + "): " + progress(status) + ". The rebuilt read model is live.");
                    return 0;
                }
                case "failed" -> throw new ReplayFailure("the rebuild failed: " + status.path("error").asString("")
                        + ". The live read model is unchanged; ./ledger replay resumes.");
                case "interrupted" -> {
                    out.println("The rebuild was interrupted at " + progress(status) + "; ./ledger replay resumes it.");
                    return 1;
                }
                default -> throw new ReplayFailure("unexpected rebuild state '" + state + "': " + status);
            }
            pause();
        }
    }

    /** Ctrl-C (SIGINT) while the rebuild runs: interrupt it, say how far it got, and exit with 130. */
    private void interruptIfFollowing() {
        if (!following) {
            return;
        }
        out.println();
        out.println("Interrupting the rebuild ...");
        try {
            JsonNode status = send("DELETE", "/admin/rebuild").body();
            out.println("Rebuild " + status.path("state").asString("?") + " at " + status.path("eventsDone").asLong()
                    + " of ~" + status.path("eventsTotal").asLong() + " events; the live read model is unchanged.");
        } catch (ReplayFailure e) {
            out.println("Could not interrupt it: " + e.getMessage());
        }
        out.println("Run ./ledger replay again to resume where it stopped.");
        out.flush();
        Runtime.getRuntime().halt(130);
    }

    private void requireQueryServiceUp() {
        int readiness;
        try {
            readiness = send("GET", "/actuator/health/readiness").status();
        } catch (ReplayFailure e) {
            readiness = -1;
        }
        if (readiness != 200) {
            throw new ReplayFailure("the query-service is not up at " + options.queryUrl()
                    + ": start the ledger with ./ledger up first");
        }
    }

    private static String progress(JsonNode status) {
        return status.path("eventsDone").asLong() + "/" + status.path("eventsTotal").asLong() + " events, "
                + String.format(Locale.ROOT, "%.0f", status.path("eventsPerSecond").asDouble()) + " events/s";
    }

    private Answer send(String method, String path) {
        try {
            return http.send(method, options.queryUrl() + path, null, "Authorization", "Bearer " + token);
        } catch (IOException e) {
            throw new ReplayFailure("lost the query-service at " + options.queryUrl() + " (" + e + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailure("interrupted");
        }
    }

    private void pause() {
        try {
            Thread.sleep(pollEvery.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReplayFailure("interrupted");
        }
    }

    /** A readable reason why the replay stopped; printed without a stack trace. */
    static final class ReplayFailure extends RuntimeException {

        ReplayFailure(String message) {
            super(message);
        }
    }
}
