package dev.ledger.infra.launcher;

import dev.ledger.infra.http.JsonHttp;
import dev.ledger.infra.http.JsonHttp.Answer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

/**
 * The launcher's admin calls to one service of the running ledger with the service token ({@code ./ledger token},
 * {@code ./ledger link}): a successful answer, or a {@link LaunchFailure} that says why (a problem's detail, a
 * ledger that is not running, a refused service token).
 */
final class ServiceCalls {

    private final String serviceName;
    private final JsonHttp http;
    private final String baseUrl;
    private final String serviceToken;

    ServiceCalls(String serviceName, JsonHttp http, String baseUrl, String serviceToken) {
        this.serviceName = serviceName;
        this.http = http;
        this.baseUrl = baseUrl;
        this.serviceToken = serviceToken;
    }

    /** The service token ./ledger up made; the running ledger holds the same. */
    static String serviceToken(Settings settings) {
        return settings.secrets().existingServiceToken().orElseThrow(() -> new LaunchFailure(
                "no service token in " + settings.secrets().serviceTokenFile() + ": start the ledger with ./ledger up (it creates one)"));
    }

    Answer call(String method, String path, Object body) {
        Answer answer;
        try {
            answer = http.send(method, baseUrl + path, body, "Authorization", "Bearer " + serviceToken);
        } catch (ConnectException e) {
            throw new LaunchFailure("the " + serviceName + " does not answer at " + baseUrl + ": is the ledger running?"
                    + " Start it with ./ledger up");
        } catch (HttpTimeoutException e) {
            throw new LaunchFailure("the " + serviceName + " at " + baseUrl + " did not answer " + method + " " + path + " in time");
        } catch (IOException e) {
            throw new LaunchFailure("could not reach the " + serviceName + " at " + baseUrl + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("interrupted");
        }
        if (answer.isSuccess()) {
            return answer;
        }
        String problem = answer.body().path("detail").asString(answer.body().path("title").asString(""));
        String reason = problem.isEmpty() ? "" : ": " + problem;
        throw new LaunchFailure(switch (answer.status()) {
            case 401, 403 -> "the " + serviceName + " refused the service token (" + answer.status() + ")" + reason
                    + ". Was it started by ./ledger up with this LEDGER_DATA? ./ledger down && ./ledger up restarts it with the token in place";
            default -> method + " " + path + " answered " + answer.status() + reason;
        });
    }
}
