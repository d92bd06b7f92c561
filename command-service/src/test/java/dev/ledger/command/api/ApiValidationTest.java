package dev.ledger.command.api;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad input over real HTTP: problem+json naming the field, and nothing written. */
class ApiValidationTest extends IntegrationTestBase {

    private String debateId;
    private String claimId;
    private long eventsBefore;

    @BeforeEach
    void debateWithClaim() {
        debateId = openDebate();
        join(debateId, "alice");
        join(debateId, "bob");
        claimId = stateClaim(debateId, "alice");
        eventsBefore = eventCount();
    }

    private void assertRefused(Response response, int status, String type, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("type")).isEqualTo("urn:ledger:problem:" + type);
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.text("detail")).isNotBlank();
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(response.body().get("errors").get(0).get("reason").asString()).isNotBlank();
        assertThat(response.toString()).doesNotContain("Exception").doesNotContain("at dev.ledger");
        assertThat(eventCount()).as("no event written").isEqualTo(eventsBefore);
    }

    private String viewPath() {
        return "/debates/" + debateId + "/participants/bob/views/" + claimId;
    }

    @Test
    void malformedJson() {
        assertRefused(post("/debates/" + debateId + "/claims", "{\"statement\": \"x\", "), 400, "validation", "body");
    }

    @Test
    void unknownField() {
        assertRefused(post("/debates/" + debateId + "/claims", "{\"statement\":\"x\",\"by\":\"alice\",\"colour\":\"red\"}"),
                400, "validation", "colour");
    }

    @Test
    void credenceAsString() {
        assertRefused(send("PUT", viewPath(), "{\"credence\":\"0.5\"}"), 400, "validation", "credence");
    }

    @Test
    void credenceOutOfRange() {
        assertRefused(send("PUT", viewPath(), "{\"credence\":1.5}"), 400, "validation", "credence");
        assertRefused(send("PUT", viewPath(), "{\"credence\":1e400}"), 400, "validation", "credence");
    }

    @Test
    void blankText() {
        assertRefused(post("/debates/" + debateId + "/claims", "{\"statement\":\"  \",\"by\":\"alice\"}"), 400, "validation", "statement");
    }

    @Test
    void tooLongText() {
        assertRefused(post("/debates", "{\"title\":\"" + "t".repeat(501) + "\"}"), 400, "validation", "title");
    }

    @Test
    void nulCharacter() {
        assertRefused(post("/debates", "{\"title\":\"a\\u0000b\"}"), 400, "validation", "title");
    }

    @Test
    void malformedUuidInPath() {
        assertRefused(post("/debates/not-a-uuid/claims", "{\"statement\":\"x\",\"by\":\"alice\"}"), 400, "validation", "debateId");
    }

    @Test
    void unknownDebate() {
        assertRefused(post("/debates/8e0c1f7a-0000-4000-8000-000000000000/claims", "{\"statement\":\"x\",\"by\":\"alice\"}"),
                404, "not-found", "debateId");
    }

    @Test
    void unknownStance() {
        assertRefused(post("/debates/" + debateId + "/reasons",
                "{\"claimId\":\"" + claimId + "\",\"stance\":\"maybe\",\"text\":\"t\",\"by\":\"alice\"}"), 400, "validation", "stance");
    }

    @Test
    void unknownVisibilityOrRole() {
        long events = eventCount();
        assertRefused(post("/debates", "{\"title\":\"Secret?\",\"visibility\":\"secret\"}"), 400, "validation", "visibility");
        assertRefused(post("/debates", "{\"title\":\"Shouted\",\"visibility\":\"PUBLIC\"}"), 400, "validation", "visibility");
        assertRefused(post("/debates/" + debateId + "/invitations", "{\"handle\":\"carol\",\"role\":\"admin\"}"),
                400, "validation", "role");
        assertThat(eventCount()).isEqualTo(events);
    }

    @Test
    void joiningTwice() {
        assertRefused(post("/debates/" + debateId + "/participants", "{\"participantId\":\"alice\",\"displayName\":\"A\"}"),
                409, "conflict", "participantId");
    }

    @Test
    void duplicateReasonNamesTheExistingReason() {
        Response first = post("/debates/" + debateId + "/reasons",
                "{\"claimId\":\"" + claimId + "\",\"stance\":\"for\",\"text\":\"Tabs adapt\",\"by\":\"alice\"}");
        assertThat(first.status()).isEqualTo(201);
        eventsBefore = eventCount();
        Response again = post("/debates/" + debateId + "/reasons",
                "{\"claimId\":\"" + claimId + "\",\"stance\":\"for\",\"text\":\"  TABS   adapt \",\"by\":\"alice\"}");
        assertRefused(again, 409, "conflict", "text");
        assertThat(again.text("existingReasonId")).isEqualTo(first.text("reasonId"));
    }

    @Test
    void bodyOverOneMegabyte() {
        Response response = post("/debates", "{\"title\":\"" + "t".repeat(1_100_000) + "\"}");
        assertRefused(response, 413, "too-large", "body");
    }

    @Test
    void acceptedCommandsAnswerTheirSequence() {
        Response reason = post("/debates/" + debateId + "/reasons",
                "{\"claimId\":\"" + claimId + "\",\"stance\":\"for\",\"text\":\"Tabs adapt\",\"by\":\"alice\"}");
        assertThat(reason.status()).isEqualTo(201);
        assertThat(reason.body().get("sequence").asLong()).isEqualTo(5);
        String reasonId = reason.text("reasonId");

        Response ack = post("/debates/" + debateId + "/reasons/" + reasonId + "/acknowledgements", "{\"by\":\"bob\",\"kind\":\"noted\"}");
        assertThat(ack.status()).isEqualTo(201);
        assertThat(ack.body().get("sequence").asLong()).isEqualTo(6);
        Response ackAgain = post("/debates/" + debateId + "/reasons/" + reasonId + "/acknowledgements", "{\"by\":\"bob\",\"kind\":\"noted\"}");
        assertThat(ackAgain.status()).isEqualTo(200);
        assertThat(ackAgain.body().get("sequence").asLong()).isEqualTo(6);

        Response view = send("PUT", viewPath(), "{\"credence\":0.4,\"becauseOf\":[\"" + reasonId + "\"]}");
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body().get("sequence").asLong()).isEqualTo(7);
        assertThat(view.body().get("previous").isNull()).isTrue();
        Response changed = send("PUT", viewPath(), "{\"credence\":0.9}");
        assertThat(changed.body().get("sequence").asLong()).isEqualTo(8);
        assertThat(changed.body().get("previous").asDouble()).isEqualTo(0.4);
        long events = eventCount(debateId);
        Response same = send("PUT", viewPath(), "{\"credence\":0.9}");
        assertThat(same.status()).isEqualTo(200);
        assertThat(same.body().get("sequence").asLong()).isEqualTo(8);
        assertThat(same.body().get("previous").asDouble()).isEqualTo(0.4);
        assertThat(eventCount(debateId)).isEqualTo(events);
    }
}
