package dev.ledger.web.problem;

import dev.ledger.web.WebTestBase;
import dev.ledger.web.WebTestClient.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal of a service built on the shared web layer is RFC 9457 problem+json naming the field. */
class ProblemAnswersTest extends WebTestBase {

    @Autowired
    MeterRegistry meters;

    @Test
    void aMalformedParameterIs400NamingIt() {
        JsonNode problem = assertProblem(client.get("/things/not-a-uuid"), 400, "validation", "id");
        assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
        assertThat(problem.get("instance").asString()).isEqualTo("/things/not-a-uuid");
        assertThat(problem.get("detail").asString()).startsWith("id: must be a UUID");

        assertProblem(client.get("/things/" + UUID.randomUUID() + "?limit=101"), 400, "validation", "limit");
        assertProblem(client.get("/things/" + UUID.randomUUID() + "?limit=lots"), 400, "validation", "limit");
        assertProblem(client.get("/participants/-bob"), 400, "validation", "participantId");
    }

    @Test
    void aWellFormedRequestIsAnswered() {
        String id = "A" + UUID.randomUUID().toString().substring(1);
        Answer answer = client.get("/things/" + id + "?limit=5");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("id").asString()).isEqualTo(id.toLowerCase());
        assertThat(client.get("/participants/alice.b-2").status()).isEqualTo(200);
    }

    @Test
    void somethingUnknownIs404AndAClashIs409() {
        assertProblem(client.get("/things/" + "0" + UUID.randomUUID().toString().substring(1)), 404, "not-found", "id");

        Answer busy = client.send("POST", "/busy", null);
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().get("type").asString()).isEqualTo("urn:ledger:problem:conflict");
        assertThat(busy.json().get("detail").asString()).isEqualTo("something is already running");
        assertThat(busy.json().get("errors").isEmpty()).isTrue();
    }

    @Test
    void springMvcsOwnErrorsHaveTheSameShape() {
        Answer unknownPath = client.get("/no-such-thing");
        assertThat(unknownPath.status()).isEqualTo(404);
        assertThat(unknownPath.contentType()).startsWith("application/problem+json");
        assertThat(unknownPath.json().get("type").asString()).isEqualTo("urn:ledger:problem:not-found");

        Answer wrongMethod = client.send("DELETE", "/busy", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(wrongMethod.json().get("status").asInt()).isEqualTo(405);
    }

    @Test
    void anUnreadableBodyNamesTheFieldAtFault() {
        assertProblem(client.send("POST", "/greetings", "{\"name\":\"a\",\"times\":"), 400, "validation", "body");
        assertProblem(client.send("POST", "/greetings", "{\"name\":\"a\",\"times\":\"x\"}"), 400, "validation", "times");
        assertProblem(client.send("POST", "/greetings", "{\"times\":1}"), 400, "validation", "name");
        assertThat(client.send("POST", "/greetings", "{\"name\":\"a\",\"times\":2}").json().get("greeting").asString())
                .isEqualTo("hello a hello a");
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsStackTrace() {
        Answer broken = client.get("/broken");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.contentType()).startsWith("application/problem+json");
        assertThat(broken.json().get("type").asString()).isEqualTo("urn:ledger:problem:internal");
        assertThat(broken.json().get("detail").asString()).isEqualTo("The test service failed unexpectedly.");
        assertThat(broken.text()).doesNotContain("a bug").doesNotContain("IllegalStateException");
    }

    @Test
    void refusalsAreCountedByKind() {
        double before = rejected("not-found");
        client.get("/things/" + "0" + UUID.randomUUID().toString().substring(1));
        client.get("/no-such-thing");
        assertThat(rejected("not-found")).isEqualTo(before + 2);
    }

    private double rejected(String kind) {
        var counter = meters.find("ledger.requests.rejected").tag("kind", kind).counter();
        return counter == null ? 0 : counter.count();
    }

    private static JsonNode assertProblem(Answer answer, int status, String kind, String field) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.get("type").asString()).isEqualTo("urn:ledger:problem:" + kind);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("reason").asString()).isNotBlank();
        return problem;
    }
}
