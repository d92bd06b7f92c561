package dev.ledger.query.web.forms;

import dev.ledger.query.web.CommandServiceHttp;
import dev.ledger.web.problem.ForbiddenException;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.problem.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sends a form's command to the command-service's REST API as the signed-in account (the session's token) with
 * the form's {@code Idempotency-Key}, so a double submit or a retry of the same rendered form records it once.
 * The wait is bounded (ledger.command.timeout). The debate page also reads the command-service's history through it
 * (the signed checkpoint, the export bundle), as the signed-in account or, with no session token, anonymously.
 */
@Component
public class CommandForwarding {

    private static final Logger log = LoggerFactory.getLogger(CommandForwarding.class);
    static final String FORM = "_form";

    private final CommandServiceHttp http;
    private final JsonMapper json = JsonMapper.builder().build();

    CommandForwarding(CommandServiceHttp http) {
        this.http = http;
    }

    /**
     * @param fieldNames the API's field names that the form calls otherwise (becauseOf: reasonIds); fields the form
     *                   does not have (by, debateId, ...) are reported as {@code _form}
     */
    Outcome send(String token, String idempotencyKey, Command command, Map<String, String> fieldNames, Set<String> formFields) {
        HttpMethod method = command.method();
        try {
            return http.client().method(method).uri(command.pathTemplate(), command.pathVariables())
                    .headers(headers -> {
                        headers.setBearerAuth(token);
                        if (idempotencyKey != null && !idempotencyKey.isBlank()) {
                            headers.set("Idempotency-Key", idempotencyKey);
                        }
                    })
                    .contentType(MediaType.APPLICATION_JSON).body(command.body())
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        JsonNode answer = read(response.getBody());
                        if (status < 300) {
                            return new Outcome.Accepted(answer);
                        }
                        if (status == 401) {
                            return new Outcome.SignedOut();
                        }
                        if (status >= 500 || status == 429) {
                            log.warn("The command-service answered {} to a web form's {} command", status, method);
                            return new Outcome.Unavailable();
                        }
                        return new Outcome.Refused(status, errors(answer, fieldNames, formFields), answer);
                    }, true);
        } catch (RestClientException e) {
            log.warn("A web form's command got no answer from the command-service: {}", e.getClass().getSimpleName());
            return new Outcome.Unavailable();
        }
    }

    /** The debate's latest signed checkpoint note; empty if the command-service does not give it (refused, down, slow). */
    public Optional<String> checkpoint(String tokenOrNull, String debateId) {
        try {
            return http.client().get().uri("/debates/{debateId}/checkpoint", debateId)
                    .headers(headers -> bearer(headers, tokenOrNull))
                    .exchange((request, response) -> response.getStatusCode().value() == 200
                            ? Optional.of(new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8))
                            : Optional.<String>empty(), true);
        } catch (RestClientException e) {
            log.warn("The command-service gave no checkpoint for a web page: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /**
     * Streams the debate's export bundle (a zip) to {@code into} once the command-service accepts; its 401/403 and
     * 404 become the web view's refusals, and nothing is written then.
     */
    public void export(String tokenOrNull, String debateId, Consumer<String> contentDisposition, OutputStreamSupplier into) {
        try {
            http.client().get().uri("/debates/{debateId}/export", debateId)
                    .headers(headers -> bearer(headers, tokenOrNull))
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        if (status == 404) {
                            throw new NotFoundException("debateId", "names no debate known to the ledger that you may read");
                        }
                        if (status == 401 || status == 403) {
                            throw new ForbiddenException("debateId", "only the debate's owner or an admin may download its history");
                        }
                        if (status != 200) {
                            throw new HistoryUnavailable();
                        }
                        contentDisposition.accept(response.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION));
                        try (InputStream zip = response.getBody()) {
                            zip.transferTo(into.open());
                        }
                        return null;
                    }, true);
        } catch (RestClientException e) {
            log.warn("A web export got no answer from the command-service: {}", e.getClass().getSimpleName());
            throw new HistoryUnavailable();
        }
    }

    /** The command-service is down, slow or failing: a page says so (503) and the person tries again. */
    static final class HistoryUnavailable extends Refusal {
        HistoryUnavailable() {
            super(HttpStatus.SERVICE_UNAVAILABLE, "debateId",
                    "the ledger could not give the debate's history just now; try again in a moment", Map.of());
        }
    }

    /** Where the bundle goes, opened only once the command-service has accepted. */
    @FunctionalInterface
    public interface OutputStreamSupplier {
        OutputStream open() throws IOException;
    }

    private static void bearer(HttpHeaders headers, String tokenOrNull) {
        if (tokenOrNull != null) {
            headers.setBearerAuth(tokenOrNull);
        }
    }

    private JsonNode read(InputStream body) throws IOException {
        byte[] bytes = body.readAllBytes();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(bytes);
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    /** Beside each field the problem names: its detail, or with several fields each one's own reason. */
    private static Map<String, String> errors(JsonNode problem, Map<String, String> fieldNames, Set<String> formFields) {
        String detail = problem.path("detail").asString(problem.path("title").asString("The ledger refused this."));
        boolean several = problem.path("errors").size() > 1;
        Map<String, String> errors = new LinkedHashMap<>();
        for (JsonNode error : problem.path("errors")) {
            String field = error.path("field").asString("");
            String formField = fieldNames.getOrDefault(field, field);
            errors.putIfAbsent(formFields.contains(formField) ? formField : FORM,
                    several ? error.path("reason").asString(detail) : detail);
        }
        if (errors.isEmpty()) {
            errors.put(FORM, detail);
        }
        return errors;
    }
}
