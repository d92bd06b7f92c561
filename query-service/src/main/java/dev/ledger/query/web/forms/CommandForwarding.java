package dev.ledger.query.web.forms;

import dev.ledger.query.web.CommandServiceHttp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClientException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sends a form's command to the command-service's REST API as the signed-in account (the session's token) with
 * the form's {@code Idempotency-Key}, so a double submit or a retry of the same rendered form records it once.
 * The wait is bounded (ledger.command.timeout).
 */
@Component
class CommandForwarding {

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
