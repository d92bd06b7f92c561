package dev.ledger.command.api;

import dev.ledger.web.apidoc.ApiDescriptionChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document the running command-service serves; kept as target/openapi.json for the lint in .ci/run. */
class ApiDescriptionTest extends IntegrationTestBase {

    @Autowired
    BuildProperties build;

    @Test
    void theDocumentDescribesEveryOperationAndItsErrorAnswers() {
        Response served = send("GET", "/v3/api-docs", null);
        assertThat(served.status()).isEqualTo(200);
        ApiDescriptionChecks.keep(served.raw());
        JsonNode document = served.body();

        ApiDescriptionChecks.assertInfo(document, "Ledger command API", build.getVersion(), "http://127.0.0.1:8080");
        assertThat(ApiDescriptionChecks.assertOperationsDescribed(document)).contains(
                "POST /debates", "POST /debates/{debateId}/participants", "POST /debates/{debateId}/invitations",
                "PUT /debates/{debateId}/participants/{participantId}/role", "POST /debates/{debateId}/claims",
                "POST /debates/{debateId}/reasons", "POST /debates/{debateId}/reasons/{reasonId}/acknowledgements",
                "PUT /debates/{debateId}/participants/{participantId}/views/{claimId}",
                "PUT /debates/{debateId}/views/{claimId}",
                "POST /debates/{debateId}/claims/{claimId}/resolution", "DELETE /debates/{debateId}/claims/{claimId}/resolution",
                "GET /admin/event-store/debates", "GET /admin/event-store/debates/{debateId}/events",
                "POST /admin/accounts/{handle}/tokens", "DELETE /admin/accounts/{handle}/tokens", "PUT /admin/accounts/{handle}/admin",
                "POST /admin/tokens/introspect");

        JsonNode join = document.at("/paths/~1debates~1{debateId}~1participants/post/responses");
        assertThat(join.propertyNames()).containsExactly("201", "400", "401", "403", "404", "409", "413", "415", "422", "500", "503");
        assertThat(join.at("/409/content/application~1problem+json/examples").propertyNames())
                .as("joining twice, the participants' cap, a concurrent change")
                .containsExactly("conflict-participantId", "conflict-debateId", "conflict-debateId-2");
        assertThat(join.at("/403/content/application~1problem+json/examples").propertyNames())
                .contains("forbidden-participantId", "forbidden-Authorization");
        assertThat(join.at("/403/content/application~1problem+json/examples").propertyNames()).hasSize(3)
                .as("a private debate the caller was not invited to").contains("forbidden-participantId-2");
        assertThat(document.at("/paths/~1debates/post/security/0").has("bearerToken")).isTrue();
        assertThat(document.at("/components/schemas/OpenDebateRequest/properties/visibility/enum").valueStream()
                .map(JsonNode::asString)).containsExactly("private", "public");
        JsonNode invite = document.at("/paths/~1debates~1{debateId}~1invitations/post");
        assertThat(invite.at("/responses").propertyNames()).contains("201", "401", "403", "404", "409", "422");
        assertThat(invite.at("/responses/403/content/application~1problem+json/examples").propertyNames()).contains("forbidden-invitedBy");
        assertThat(invite.at("/parameters").valueStream().map(parameter -> parameter.path("name").asString()))
                .contains("Idempotency-Key");
        JsonNode role = document.at("/paths/~1debates~1{debateId}~1participants~1{participantId}~1role/put/responses");
        assertThat(role.propertyNames()).contains("200", "401", "403", "404", "409", "422").doesNotContain("201");
        assertThat(role.at("/403/content/application~1problem+json/examples").propertyNames()).contains("forbidden-changedBy");
        assertThat(join.at("/503/content/application~1problem+json/examples/unavailable/value/type").asString())
                .isEqualTo("urn:ledger:problem:unavailable");
        JsonNode view = document.at("/paths/~1debates~1{debateId}~1participants~1{participantId}~1views~1{claimId}/put");
        assertThat(view.path("responses").has("422")).as("no Idempotency-Key, so no reuse").isFalse();
        assertThat(view.at("/requestBody/content/application~1json/example/credence").asDouble()).isEqualTo(0.7);
    }
}
