package dev.ledger.query.web.forms;

import org.springframework.http.HttpMethod;

import java.util.Map;

/** A command of the command-service's REST API: its method, path (a URI template and its values) and JSON body. */
record Command(HttpMethod method, String pathTemplate, Object[] pathVariables, Map<String, Object> body) {

    static Command post(String pathTemplate, Map<String, Object> body, Object... pathVariables) {
        return new Command(HttpMethod.POST, pathTemplate, pathVariables, body);
    }

    static Command delete(String pathTemplate, Map<String, Object> body, Object... pathVariables) {
        return new Command(HttpMethod.DELETE, pathTemplate, pathVariables, body);
    }

    static Command put(String pathTemplate, Map<String, Object> body, Object... pathVariables) {
        return new Command(HttpMethod.PUT, pathTemplate, pathVariables, body);
    }
}
