package dev.ledger.command.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resolving a claim and annulling the resolution over real HTTP: the owner ({@link #DEFAULT_ACTOR}, who opened the
 * debate) resolves and annuls, every refusal is problem+json naming the field and writes nothing.
 */
class ResolutionTest extends IntegrationTestBase {

    private String debateId;
    private String claimId;
    private String reasonId;

    @BeforeEach
    void debateWithAClaimAndAView() {
        debateId = openDebate();
        join(debateId, "alice");
        join(debateId, "bob");
        claimId = stateClaim(debateId, "alice");
        reasonId = post("/debates/" + debateId + "/reasons",
                "{\"claimId\":\"" + claimId + "\",\"stance\":\"for\",\"text\":\"It was measured\",\"by\":\"alice\"}").text("reasonId");
        assertThat(send("PUT", "/debates/" + debateId + "/participants/bob/views/" + claimId, "{\"credence\":0.3}").status())
                .isEqualTo(200);
    }

    private String resolution() {
        return resolution(claimId);
    }

    private String resolution(String claim) {
        return "/debates/" + debateId + "/claims/" + claim + "/resolution";
    }

    private String latestEventType() {
        return jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "ORDER BY sequence_number DESC LIMIT 1", String.class, debateId);
    }

    /** The request was refused with this status, kind and field, and the event store is as it was. */
    private void assertRefused(Response response, int status, String kind, String field, long eventsBefore) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("urn:ledger:problem:" + kind);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(response.text("detail")).isNotBlank();
        assertThat(eventCount()).as("a refused request writes nothing").isEqualTo(eventsBefore);
    }

    @Test
    void theOwnerResolvesAnnulsAndResolvesAgain() {
        Response resolved = post(resolution(), "{\"outcome\":true,\"note\":\"Measured on Friday\"}");
        assertThat(resolved.status()).as(resolved.raw()).isEqualTo(201);
        assertThat(resolved.body().get("sequence").asLong()).isEqualTo(7);
        assertThat(latestEventType()).endsWith("ClaimResolved");
        JsonNode event = JSON.readTree(latestEvent(debateId));
        assertThat(event.get("claimId").asString()).isEqualTo(claimId);
        assertThat(event.get("outcome").asBoolean()).isTrue();
        assertThat(event.get("note").asString()).isEqualTo("Measured on Friday");
        assertThat(event.get("resolvedBy").asString()).isEqualTo(DEFAULT_ACTOR);

        Response annulled = send("DELETE", resolution(), "{\"note\":\"The measurement was wrong\"}");
        assertThat(annulled.status()).as(annulled.raw()).isEqualTo(200);
        assertThat(annulled.body().get("sequence").asLong()).isEqualTo(8);
        assertThat(latestEventType()).endsWith("ClaimResolutionAnnulled");
        assertThat(JSON.readTree(latestEvent(debateId)).get("annulledBy").asString()).isEqualTo(DEFAULT_ACTOR);

        Response again = post(resolution(), "{\"outcome\":false}");
        assertThat(again.status()).as(again.raw()).isEqualTo(201);
        assertThat(again.body().get("sequence").asLong()).isEqualTo(9);
        JsonNode resolvedAgain = JSON.readTree(latestEvent(debateId));
        assertThat(resolvedAgain.get("outcome").asBoolean()).isFalse();
        assertThat(resolvedAgain.get("note").isNull()).isTrue();
    }

    @Test
    void aMemberMayNeitherResolveNorAnnul() {
        long before = eventCount();
        assertRefused(as("bob", "POST", resolution(), "{\"outcome\":true}"), 403, "forbidden", "resolvedBy", before);
        assertThat(post(resolution(), "{\"outcome\":true}").status()).isEqualTo(201);

        long resolved = eventCount();
        assertRefused(as("alice", "DELETE", resolution(), "{\"note\":\"I disagree\"}"), 403, "forbidden", "annulledBy", resolved);
    }

    @Test
    void anUnknownClaimIsNotFound() {
        long before = eventCount();
        String unknown = UUID.randomUUID().toString();
        assertRefused(post(resolution(unknown), "{\"outcome\":true}"), 404, "not-found", "claimId", before);
        assertRefused(send("DELETE", resolution(unknown), "{\"note\":\"why\"}"), 404, "not-found", "claimId", before);
        assertRefused(post(resolution("not-a-claim"), "{\"outcome\":true}"), 400, "validation", "claimId", before);
    }

    @Test
    void resolvingTwiceAndAnnullingAnOpenClaimAreConflicts() {
        long before = eventCount();
        assertRefused(send("DELETE", resolution(), "{\"note\":\"nothing to annul\"}"), 409, "conflict", "claimId", before);
        assertThat(post(resolution(), "{\"outcome\":true}").status()).isEqualTo(201);

        long resolved = eventCount();
        assertRefused(post(resolution(), "{\"outcome\":true}"), 409, "conflict", "claimId", resolved);
        assertRefused(post(resolution(), "{\"outcome\":false}"), 409, "conflict", "claimId", resolved);
    }

    @Test
    void anOutcomeIsRequiredAndMustBeABoolean() {
        long before = eventCount();
        assertRefused(post(resolution(), "{\"note\":\"no outcome\"}"), 400, "validation", "outcome", before);
        assertRefused(post(resolution(), "{\"outcome\":null}"), 400, "validation", "outcome", before);
        assertRefused(post(resolution(), "{\"outcome\":\"yes\"}"), 400, "validation", "outcome", before);
        assertRefused(post(resolution(), "{\"outcome\":true,\"by\":\"bob\"}"), 400, "validation", "by", before);
    }

    @Test
    void anAnnulmentNeedsANote() {
        assertThat(post(resolution(), "{\"outcome\":true}").status()).isEqualTo(201);
        long resolved = eventCount();
        assertRefused(send("DELETE", resolution(), "{\"note\":\"   \"}"), 400, "validation", "note", resolved);
        assertRefused(send("DELETE", resolution(), "{}"), 400, "validation", "note", resolved);
        assertRefused(send("DELETE", resolution(), "{\"note\":\"" + "n".repeat(10_001) + "\"}"), 400, "validation", "note", resolved);
        Response withoutBody = send("DELETE", resolution(), null);
        assertThat(withoutBody.status()).as(withoutBody.raw()).isEqualTo(400);
        assertThat(eventCount()).isEqualTo(resolved);
    }

    @Test
    void aViewOnAResolvedClaimIsAConflictThatSaysToAskForAnAnnulmentWhileReasonsStayOpen() {
        assertThat(post(resolution(), "{\"outcome\":true}").status()).isEqualTo(201);
        long resolved = eventCount();

        Response view = send("PUT", "/debates/" + debateId + "/participants/bob/views/" + claimId, "{\"credence\":0.9}");
        assertRefused(view, 409, "claim-resolved", "claimId", resolved);
        assertThat(view.text("title")).isEqualTo("Conflict");
        assertThat(view.text("detail")).contains("is resolved", "annul");
        assertRefused(as("bob", "PUT", "/debates/" + debateId + "/views/" + claimId, "{\"credence\":0.3}"),
                409, "claim-resolved", "claimId", resolved);

        assertThat(post("/debates/" + debateId + "/reasons", "{\"claimId\":\"" + claimId
                + "\",\"stance\":\"against\",\"text\":\"It was luck\",\"by\":\"bob\"}").status()).isEqualTo(201);
        assertThat(post("/debates/" + debateId + "/reasons/" + reasonId + "/acknowledgements",
                "{\"by\":\"bob\",\"kind\":\"conceded\"}").status()).isEqualTo(201);
        assertThat(eventCount()).isEqualTo(resolved + 2);

        assertThat(send("DELETE", resolution(), "{\"note\":\"Too early\"}").status()).isEqualTo(200);
        assertThat(send("PUT", "/debates/" + debateId + "/participants/bob/views/" + claimId, "{\"credence\":0.9}").status())
                .isEqualTo(200);
    }

    @Test
    void anIdempotencyKeyMakesARetryReturnTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        Response first = post(resolution(), "{\"outcome\":true}", "Idempotency-Key", key);
        long after = eventCount();
        Response retry = post(resolution(), "{\"outcome\":true}", "Idempotency-Key", key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(eventCount()).isEqualTo(after);

        String annulKey = UUID.randomUUID().toString();
        Response annulled = send("DELETE", resolution(), "{\"note\":\"Too early\"}", "Idempotency-Key", annulKey);
        Response annulRetry = send("DELETE", resolution(), "{\"note\":\"Too early\"}", "Idempotency-Key", annulKey);
        assertThat(annulled.status()).isEqualTo(200);
        assertThat(annulRetry.status()).isEqualTo(200);
        assertThat(annulRetry.body()).isEqualTo(annulled.body());
        assertThat(eventCount()).isEqualTo(after + 1);
    }

    @Test
    void theApiDescriptionDescribesBothOperationsWithTheDeleteBody() {
        JsonNode document = send("GET", "/v3/api-docs", null).body();
        JsonNode path = document.at("/paths/~1debates~1{debateId}~1claims~1{claimId}~1resolution");
        assertThat(path.at("/post/responses").propertyNames()).contains("201", "400", "401", "403", "404", "409");
        assertThat(path.at("/post/requestBody/content/application~1json/schema/$ref").asString()).endsWith("ResolveRequest");
        assertThat(path.at("/delete/responses").propertyNames()).contains("200", "400", "401", "403", "404", "409")
                .doesNotContain("201");
        assertThat(path.at("/delete/requestBody/required").asBoolean()).isTrue();
        assertThat(path.at("/delete/requestBody/content/application~1json/schema/$ref").asString()).endsWith("AnnulResolutionRequest");
        assertThat(path.at("/delete/responses/403/content/application~1problem+json/examples").propertyNames())
                .contains("forbidden-annulledBy");
        JsonNode view = document.at("/paths/~1debates~1{debateId}~1views~1{claimId}/put/responses/409/content/application~1problem+json/examples");
        assertThat(view.valueStream().map(example -> example.at("/value/type").asString()))
                .contains("urn:ledger:problem:claim-resolved");
    }
}
