package dev.ledger.web.apidoc;

import dev.ledger.web.WebTestBase;
import dev.ledger.web.WebTestClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document of the smallest service using the shared web layer. */
class ApiDocumentationTest extends WebTestBase {

    private JsonNode document;

    @BeforeEach
    void fetch() {
        Answer answer = client.send("GET", "/v3/api-docs", null);
        assertThat(answer.status()).isEqualTo(200);
        document = answer.json();
    }

    @Test
    void errorAnswersAreProblemJsonWithExamplesAsTheServiceSendsThem() {
        JsonNode responses = document.at("/paths/~1things~1{id}/get/responses");
        assertThat(responses.propertyNames()).containsExactly("200", "400", "401", "404", "500");
        JsonNode notFound = responses.at("/404/content/application~1problem+json");
        assertThat(notFound.at("/schema/$ref").asString()).isEqualTo("#/components/schemas/Problem");
        assertThat(responses.at("/404/description").asString()).isEqualTo("No thing has this id");
        JsonNode example = notFound.at("/examples/not-found-id/value");
        assertThat(example.path("type").asString()).isEqualTo("urn:ledger:problem:not-found");
        assertThat(example.path("title").asString()).isEqualTo("Not Found");
        assertThat(example.path("status").asInt()).isEqualTo(404);
        assertThat(example.path("instance").asString()).isEqualTo("/things/3f2c1a9e-8b7d-4c6e-9f01-23456789abcd");
        assertThat(example.at("/errors/0/field").asString()).isEqualTo("id");
        assertThat(responses.at("/400/content/application~1problem+json/examples/validation-id/value/errors/0/field").asString())
                .isEqualTo("id");

        // The answer the example stands for has the same shape.
        Answer real = client.send("GET", "/things/00000000-0000-4000-8000-000000000000", null);
        assertThat(real.status()).isEqualTo(404);
        assertThat(real.json().propertyNames()).containsExactlyInAnyOrderElementsOf(example.propertyNames());
    }

    @Test
    void bodiesGet415AndAnExampleAndServiceRulesApply() {
        JsonNode post = document.at("/paths/~1greetings/post");
        assertThat(post.path("responses").propertyNames()).containsExactly("200", "400", "401", "415", "500", "503");
        assertThat(post.at("/responses/503/content/application~1problem+json/examples/busy/value/type").asString())
                .isEqualTo("urn:ledger:problem:busy");
        JsonNode body = post.at("/requestBody/content/application~1json/example");
        assertThat(body.path("name").asString()).isEqualTo("Ada");
        assertThat(body.path("times").asInt()).isEqualTo(2);
        assertThat(document.at("/paths/~1broken/get/responses").propertyNames()).containsExactly("200", "401", "500");
    }

    @Test
    void adminOperationsNeedTheBearerSchemeAndOpenOnesTakeItOptionally() {
        JsonNode admin = document.at("/paths/~1admin~1status/get");
        assertThat(admin.path("security").size()).isEqualTo(1);
        assertThat(admin.at("/security/0").has("bearerToken")).isTrue();
        assertThat(admin.path("responses").propertyNames()).containsExactly("200", "401", "403", "500");
        assertThat(admin.at("/responses/403/content/application~1problem+json/examples/forbidden-Authorization/value/type")
                .asString()).isEqualTo("urn:ledger:problem:forbidden");
        assertThat(document.at("/components/securitySchemes/bearerToken/scheme").asString()).isEqualTo("bearer");
        JsonNode open = document.at("/paths/~1things~1{id}/get/security");
        assertThat(open.size()).isEqualTo(2);
        assertThat(open.get(0).size()).as("the empty requirement: anonymous is allowed").isZero();
        assertThat(open.get(1).has("bearerToken")).isTrue();
    }

    @Test
    void theProblemSchemaHasTheFieldsOfEveryProblem() {
        JsonNode problem = document.at("/components/schemas/Problem");
        assertThat(problem.path("properties").propertyNames())
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "instance", "errors");
        assertThat(problem.path("required").valueStream().map(JsonNode::asString))
                .containsExactlyInAnyOrder("type", "title", "status", "detail", "errors");
        assertThat(document.at("/components/schemas/ProblemFieldError/properties").propertyNames())
                .containsExactlyInAnyOrder("field", "reason");
    }
}
