package dev.ledger.query;

import dev.ledger.web.apidoc.ApiDescriptionChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document the running query-service serves; kept as target/openapi.json for the lint in .ci/run. */
class ApiDescriptionTest extends QueryServiceTestBase {

    @Autowired
    BuildProperties build;

    @Test
    void theDocumentDescribesEveryOperationAndItsErrorAnswers() {
        Answer served = get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);
        ApiDescriptionChecks.keep(served.body());
        JsonNode document = served.json();

        ApiDescriptionChecks.assertInfo(document, "Ledger query API", build.getVersion(), "http://127.0.0.1:8081");
        assertThat(ApiDescriptionChecks.assertOperationsDescribed(document)).contains(
                "GET /debates/{debateId}", "GET /debates/{debateId}/participants/{participantId}/beliefs",
                "GET /debates/{debateId}/participants/{participantId}/history", "GET /debates/{debateId}/timeline",
                "GET /debates/{debateId}/claims/{claimId}", "GET /participants/{participantId}/beliefs",
                "GET /debates/{debateId}/influence", "GET /debates/{debateId}/reasons/{reasonId}/influence",
                "GET /debates/{debateId}/participants/{participantId}/influences",
                "POST /admin/rebuild", "GET /admin/rebuild", "DELETE /admin/rebuild", "GET /admin/projection/checksum",
                "GET /admin/projection/debates/{debateId}/checksum");

        JsonNode beliefs = document.at("/paths/~1debates~1{debateId}~1participants~1{participantId}~1beliefs/get/responses");
        assertThat(beliefs.propertyNames()).containsExactly("200", "400", "401", "404", "500", "503");
        JsonNode overview = document.at("/paths/~1debates~1{debateId}/get");
        assertThat(overview.path("security").size()).as("anonymous or with a token").isEqualTo(2);
        assertThat(overview.at("/security/1").has("bearerToken")).isTrue();
        assertThat(beliefs.at("/404/content/application~1problem+json/examples").propertyNames())
                .containsExactly("not-found-participantId", "not-found-debateId", "not-found-asOf");
        assertThat(beliefs.at("/503/content/application~1problem+json/examples").propertyNames())
                .containsExactly("not-ready-minSequence", "busy-minSequence", "not-ready-atSequence", "busy-atSequence", "timeout");
        JsonNode acrossDebates = document.at("/paths/~1participants~1{participantId}~1beliefs/get/responses");
        assertThat(acrossDebates.at("/503/content/application~1problem+json/examples").propertyNames())
                .as("no minSequence, so no waiting").containsExactly("timeout");
        assertThat(document.at("/paths/~1admin~1rebuild/post/responses").propertyNames())
                .containsExactly("202", "400", "401", "403", "409", "500");
    }
}
