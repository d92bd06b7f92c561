package dev.ledger.web.apidoc;

import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every Ledger service's OpenAPI document must say. The services' tests run it on the document their
 * running app serves, and keep that document under target/ for the lint in .ci/run.
 */
public final class ApiDescriptionChecks {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    private ApiDescriptionChecks() {
    }

    /** The title, the build's version, a description, the server, and tags that say what they hold. */
    public static void assertInfo(JsonNode document, String title, String version, String server) {
        assertThat(document.path("info").path("title").asString()).isEqualTo(title);
        assertThat(document.path("info").path("version").asString()).isEqualTo(version).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(document.path("info").path("description").asString()).hasSizeGreaterThan(50);
        assertThat(document.path("servers").get(0).path("url").asString()).isEqualTo(server);
        assertThat(document.path("tags").size()).isPositive();
        document.path("tags").forEach(tag -> assertThat(tag.path("description").asString()).as("tag %s", tag).isNotBlank());
    }

    /**
     * Every operation has a summary, an operationId and a tag; says who may call it; documents at least one 4xx and
     * every 4xx/5xx answer as problem+json with the Problem schema and an example; and shows an example body.
     * Admin operations (and those that need an account) require the bearer scheme and answer 401 and 403. Returns "METHOD path" of each operation.
     */
    public static List<String> assertOperationsDescribed(JsonNode document) {
        List<String> seen = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (String method : METHODS) {
                JsonNode operation = path.getValue().path(method);
                if (operation.isMissingNode()) {
                    continue;
                }
                String name = method.toUpperCase() + " " + path.getKey();
                seen.add(name);
                assertThat(operation.path("summary").asString()).as("summary of %s", name).isNotBlank();
                assertThat(operation.path("operationId").asString()).as("operationId of %s", name).isNotBlank();
                assertThat(operation.path("tags").size()).as("tags of %s", name).isPositive();
                assertThat(operation.path("security").isArray()).as("security of %s", name).isTrue();
                List<String> errors = new ArrayList<>();
                for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
                    if (response.getKey().startsWith("4") || response.getKey().startsWith("5")) {
                        errors.add(response.getKey());
                        JsonNode problem = response.getValue().path("content").path(PROBLEM_JSON);
                        assertThat(problem.path("schema").path("$ref").asString()).as("%s %s", name, response.getKey())
                                .isEqualTo("#/components/schemas/Problem");
                        assertThat(problem.path("examples").size()).as("examples of %s %s", name, response.getKey()).isPositive();
                    }
                }
                assertThat(errors).as("error answers of %s", name).anyMatch(code -> code.startsWith("4")).contains("500");
                // every operation says whether it takes a bearer token; one that needs it answers 401 and 403
                JsonNode security = operation.path("security");
                assertThat(security).as("security of %s", name).anyMatch(requirement -> requirement.has("bearerToken"));
                assertThat(errors).as("error answers of %s", name).contains("401");
                if (path.getKey().startsWith("/admin/") || security.size() == 1) {
                    assertThat(security.size()).as("security of %s", name).isEqualTo(1);
                    assertThat(errors).as("error answers of %s", name).contains("401", "403");
                }
                // a JSON body shows an example (a binary one, such as an import's zip, cannot)
                for (Map.Entry<String, JsonNode> media : operation.path("requestBody").path("content").properties()) {
                    if (media.getKey().contains("json")) {
                        assertThat(media.getValue().path("example").isObject()).as("example body of %s", name).isTrue();
                    }
                }
            }
        }
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").propertyNames())
                .contains("type", "title", "status", "detail", "instance", "errors");
        return seen;
    }

    /** Keeps the document as served, for the lint in .ci/run (target/openapi.json of the module under test). */
    public static void keep(String document) {
        try {
            Files.writeString(Path.of("target", "openapi.json"), document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
