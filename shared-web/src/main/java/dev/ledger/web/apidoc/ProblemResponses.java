package dev.ledger.web.apidoc;

import dev.ledger.web.problem.FieldError;
import dev.ledger.web.problem.Problems;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Documents an operation's error answers: application/problem+json with the Problem schema, one named example
 * per answer (built by {@link Problems}, as the real answers are), and a description naming every case.
 */
final class ProblemResponses {

    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");
    private static final String EXAMPLE_PARTICIPANT = "alice";
    private static final String EXAMPLE_ID = "3f2c1a9e-8b7d-4c6e-9f01-23456789abcd";

    private ProblemResponses() {
    }

    static void add(ApiOperation operation, ProblemAnswer answer) {
        if (operation.operation().getResponses() == null) {
            operation.operation().setResponses(new ApiResponses());
        }
        ApiResponses responses = operation.operation().getResponses();
        String code = String.valueOf(answer.status());
        ApiResponse response = responses.get(code);
        MediaType problem = response == null || response.getContent() == null ? null : response.getContent().get(PROBLEM_JSON);
        if (problem == null) {
            // whatever springdoc guessed for this status from the exception handlers is replaced
            problem = new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + ProblemSchema.NAME));
            response = new ApiResponse().description(capitalized(answer.when()))
                    .content(new Content().addMediaType(PROBLEM_JSON, problem));
            responses.addApiResponse(code, response);
        } else if (problem.getExamples() != null
                && problem.getExamples().values().stream().anyMatch(example -> answer.when().equals(example.getSummary()))) {
            return;
        } else {
            response.setDescription(response.getDescription() + "; or " + answer.when());
        }
        problem.addExamples(exampleName(problem, answer), new Example().summary(answer.when()).value(example(operation.path(), answer)));
    }

    /** The answer as the service sends it, for a request to {@code path} with example ids. */
    static Map<String, Object> example(String path, ProblemAnswer answer) {
        List<FieldError> errors = answer.field() == null ? List.of() : List.of(new FieldError(answer.field(), answer.when()));
        ProblemDetail problem = Problems.of(answer.kind(), HttpStatusCode.valueOf(answer.status()), sentence(answer.when()),
                errors, Map.of());
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", problem.getType().toString());
        example.put("title", problem.getTitle());
        example.put("status", problem.getStatus());
        example.put("detail", problem.getDetail());
        example.put("instance", withExampleIds(path));
        example.put("errors", errors.stream().map(ProblemResponses::fieldError).toList());
        return example;
    }

    private static Map<String, Object> fieldError(FieldError error) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("field", error.field());
        entry.put("reason", error.reason());
        return entry;
    }

    private static String exampleName(MediaType problem, ProblemAnswer answer) {
        String name = answer.field() == null ? answer.kind() : answer.kind() + "-" + answer.field();
        String unique = name;
        for (int n = 2; problem.getExamples() != null && problem.getExamples().containsKey(unique); n++) {
            unique = name + "-" + n;
        }
        return unique;
    }

    private static String withExampleIds(String path) {
        Matcher variable = PATH_VARIABLE.matcher(path);
        return variable.replaceAll(found -> found.group(1).toLowerCase().contains("participant") ? EXAMPLE_PARTICIPANT : EXAMPLE_ID);
    }

    private static String sentence(String clause) {
        return capitalized(clause) + ".";
    }

    private static String capitalized(String clause) {
        return Character.toUpperCase(clause.charAt(0)) + clause.substring(1);
    }
}
