package dev.ledger.system;

import dev.ledger.system.JsonHttp.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first debate a user would log, end to end through both services, one PostgreSQL and one Kafka:
 * Maya opens a private debate and invites Tom, each acting with their own account's token. She argues that it
 * matters whether a model's worrying behaviour is mimicry of alignment writing or arises on its own, gives three
 * reasons and, by accident, posts the whole message twice. Tom thanks her, and later moves his credence citing one
 * of her reasons. The double post must leave three reasons, not six; nobody outside the debate may see it.
 */
@ExtendWith(SharedLedger.class)
class AlignmentDebateIT {

    private static final List<String> MAYAS_REASONS = List.of(
            "If it is mimicry, the fix is in what the model reads; if it arises on its own, the fix is in how it is trained. The remedies differ.",
            "It tells us how far to trust the predictions researchers wrote down years ago: a model echoing those texts neither confirms nor refutes them.",
            "Behaviour that arises without a script would say something about what such models can represent and plan internally; copied behaviour says much less.");

    // Handles of this class's own: the other system tests run on the same ledger with a maya, tom and lena of
    // their own, and the revocation test below revokes every token of its account.
    private static final String MAYA = "maya.okafor";
    private static final String TOM = "tom.brandt";
    private static final String LEAVER = "lena.leaving";

    private static RunningLedger ledger;
    private static JsonHttp commands;
    private static JsonHttp queries;

    @BeforeAll
    static void useTheSharedLedger(RunningLedger shared) {
        ledger = shared;
        commands = ledger.commands();
        queries = ledger.queries();
    }

    @Test
    void theCommandServiceMakesNoOutboundCallOfItsOwn() throws Exception {
        // Axon's update checker would report to AxonIQ a few seconds after start and log the attempt here.
        Thread.sleep(Math.max(0, 12_000 - ledger.commandService().uptime().toMillis()));

        assertThat(ledger.commandService().log()).doesNotContainIgnoringCase("org.axonframework.updates")
                .doesNotContain("o.a.updates").doesNotContain("anonymous usage data");
    }

    @Test
    void aDoublePostLeavesThreeReasonsAndTomsUpdateIsTraceable() {
        JsonHttp asMaya = ledger.commandsAs(MAYA);
        JsonHttp asTom = ledger.commandsAs(TOM);
        JsonHttp readingAsTom = ledger.queriesAs(TOM);
        // no visibility given: a debate is private unless its owner opens it as public
        Answer opened = asMaya.post("/debates", Map.of(
                "title", "Mimicry or emergence?",
                "description", "Does the model's worrying behaviour come from imitating alignment writing in its training data, or does it arise on its own?"));
        assertThat(opened.status()).isEqualTo(201);
        String debate = opened.body().get("debateId").asString();
        assertThat(opened.body().get("sequence").asLong()).isEqualTo(1);

        Map<String, String> tomJoins = Map.of("displayName", "Tom Brandt");
        Answer uninvited = asTom.post("/debates/" + debate + "/participants", tomJoins);
        assertThat(uninvited.status()).as("joining a private debate without an invitation: %s", uninvited).isEqualTo(403);
        assertThat(uninvited.isProblem()).isTrue();
        assertThat(asMaya.post("/debates/" + debate + "/participants", Map.of("displayName", "Maya Okafor")).status())
                .as("the owner joins without an invitation").isEqualTo(201);
        Answer invited = asMaya.post("/debates/" + debate + "/invitations", Map.of("handle", TOM, "role", "member"));
        assertThat(invited.status()).as("maya invites tom: %s", invited).isEqualTo(201);
        assertThat(invited.body().get("sequence").asLong()).isEqualTo(3);
        assertThat(asTom.post("/debates/" + debate + "/participants", tomJoins).status()).isEqualTo(201);

        Answer forged = asTom.post("/debates/" + debate + "/claims", Map.of("statement", "Maya never said this.", "by", MAYA));
        assertThat(forged.status()).as("tom states a claim as maya: %s", forged).isEqualTo(403);
        assertThat(forged.body().toString()).contains("by");

        Answer claim = asMaya.post("/debates/" + debate + "/claims", Map.of(
                "statement", "It matters to tell mimicry of alignment writing apart from behaviour that arises on its own.",
                "by", MAYA));
        assertThat(claim.status()).isEqualTo(201);
        String claimId = claim.body().get("claimId").asString();

        List<String> reasonIds = new ArrayList<>();
        for (String text : MAYAS_REASONS) {
            Answer reason = asMaya.post("/debates/" + debate + "/reasons",
                    Map.of("claimId", claimId, "stance", "for", "text", text, "by", MAYA));
            assertThat(reason.status()).isEqualTo(201);
            reasonIds.add(reason.body().get("reasonId").asString());
        }

        // The accidental second post of the same message: the ledger refuses each reason and names the original.
        for (int i = 0; i < MAYAS_REASONS.size(); i++) {
            String resent = i == 1 ? "  " + MAYAS_REASONS.get(i).toUpperCase().replace(" ", "   ") : MAYAS_REASONS.get(i);
            Answer duplicate = asMaya.post("/debates/" + debate + "/reasons",
                    Map.of("claimId", claimId, "stance", "for", "text", resent, "by", MAYA));
            assertThat(duplicate.status()).isEqualTo(409);
            assertThat(duplicate.contentType()).startsWith("application/problem+json");
            assertThat(duplicate.body().get("existingReasonId").asString()).isEqualTo(reasonIds.get(i));
        }

        for (String reasonId : reasonIds) {
            assertThat(asTom.post("/debates/" + debate + "/reasons/" + reasonId + "/acknowledgements",
                    Map.of("by", TOM, "kind", "noted", "note", "Thanks, that is a helpful way to split the question.")).status())
                    .isEqualTo(201);
        }

        Answer mayasView = asMaya.put("/debates/" + debate + "/participants/" + MAYA + "/views/" + claimId,
                Map.of("credence", 0.9, "rationale", "This is why I raised it."));
        assertThat(mayasView.status()).isEqualTo(200);
        Answer tomsFirstView = asTom.put("/debates/" + debate + "/participants/" + TOM + "/views/" + claimId,
                Map.of("credence", 0.4, "rationale", "Interesting, but it may not change much in practice."));
        assertThat(tomsFirstView.status()).isEqualTo(200);
        assertThat(tomsFirstView.body().get("previous").isNull()).isTrue();

        Map<String, Object> tomsUpdate = Map.of(
                "credence", 0.75,
                "rationale", "The point that the remedies differ convinced me: it decides what we would change.",
                "becauseOf", List.of(reasonIds.get(0)));
        Answer tomsSecondView = asTom.put("/debates/" + debate + "/participants/" + TOM + "/views/" + claimId, tomsUpdate);
        assertThat(tomsSecondView.status()).isEqualTo(200);
        assertThat(tomsSecondView.body().get("previous").asDouble()).isEqualTo(0.4);
        long lastSequence = tomsSecondView.body().get("sequence").asLong();
        // 1 opened + 2 joined + 1 invited + 1 claim + 3 reasons + 3 acknowledgements + 3 views; the refused
        // uninvited join, forged claim and double post added nothing.
        assertThat(lastSequence).isEqualTo(14);

        // Sending the same view again is a retry, not a change.
        Answer retried = asTom.put("/debates/" + debate + "/participants/" + TOM + "/views/" + claimId, tomsUpdate);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(retried.body().get("sequence").asLong()).isEqualTo(lastSequence);

        Answer overview = readingAsTom.get("/debates/" + debate + "?minSequence=" + lastSequence);
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body().get("title").asString()).isEqualTo("Mimicry or emergence?");
        assertThat(overview.body().get("participants")).hasSize(2);
        JsonNode reasons = overview.body().get("reasons");
        assertThat(reasons).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonNode reason = reasons.get(i);
            assertThat(reason.get("reasonId").asString()).isEqualTo(reasonIds.get(i));
            assertThat(reason.get("text").asString()).isEqualTo(MAYAS_REASONS.get(i));
            assertThat(reason.get("stance").asString()).isEqualTo("for");
            assertThat(reason.get("by").asString()).isEqualTo(MAYA);
            assertThat(reason.get("acknowledgements")).hasSize(1);
            assertThat(reason.get("acknowledgements").get(0).get("by").asString()).isEqualTo(TOM);
            assertThat(reason.get("acknowledgements").get(0).get("kind").asString()).isEqualTo("noted");
        }

        for (JsonHttp outsider : List.of(queries, ledger.queriesAs("zed"))) {
            Answer hidden = outsider.get("/debates/" + debate);
            assertThat(hidden.status()).as("a private debate read by someone outside it: %s", hidden).isEqualTo(404);
            assertThat(outsider.get("/debates/" + debate + "/participants/" + TOM + "/beliefs").status()).isEqualTo(404);
        }

        Answer tomsBeliefs = readingAsTom.get("/debates/" + debate + "/participants/" + TOM + "/beliefs?minSequence=" + lastSequence);
        assertThat(tomsBeliefs.status()).isEqualTo(200);
        JsonNode belief = tomsBeliefs.body().get("beliefs").get(0);
        assertThat(tomsBeliefs.body().get("beliefs")).hasSize(1);
        assertThat(belief.get("claimId").asString()).isEqualTo(claimId);
        assertThat(belief.get("credence").asDouble()).isEqualTo(0.75);
        assertThat(belief.get("sequence").asLong()).isEqualTo(lastSequence);
        assertThat(belief.get("becauseOf")).hasSize(1);
        assertThat(belief.get("becauseOf").get(0).asString()).isEqualTo(reasonIds.get(0));

        Answer tomsHistory = readingAsTom.get("/debates/" + debate + "/participants/" + TOM + "/history?minSequence=" + lastSequence);
        assertThat(tomsHistory.status()).isEqualTo(200);
        JsonNode changes = tomsHistory.body().get("changes");
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0).get("from").isNull()).isTrue();
        assertThat(changes.get(0).get("to").asDouble()).isEqualTo(0.4);
        assertThat(changes.get(1).get("from").asDouble()).isEqualTo(0.4);
        assertThat(changes.get(1).get("to").asDouble()).isEqualTo(0.75);
        assertThat(changes.get(1).get("sequence").asLong()).isEqualTo(lastSequence);
        assertThat(changes.get(1).get("becauseOf").get(0).asString()).isEqualTo(reasonIds.get(0));

        Answer mayasBeliefs = ledger.queriesAs(MAYA).get("/debates/" + debate + "/participants/" + MAYA + "/beliefs?minSequence=" + lastSequence);
        assertThat(mayasBeliefs.body().get("beliefs").get(0).get("credence").asDouble()).isEqualTo(0.9);
    }

    @Test
    void badInputIsRefusedWithAProblemNamingTheFieldAndNothingReachesTheQuerySide() {
        Answer opened = commands.post("/debates", Map.of("title", "Refusals", "visibility", "public"));
        String debate = opened.body().get("debateId").asString();
        commands.post("/debates/" + debate + "/participants", Map.of("participantId", "ana", "displayName", "Ana"));
        Answer claim = commands.post("/debates/" + debate + "/claims", Map.of("statement", "Tests catch bugs.", "by", "ana"));
        String claimId = claim.body().get("claimId").asString();

        Answer outOfRange = commands.put("/debates/" + debate + "/participants/ana/views/" + claimId, Map.of("credence", 1.5));
        assertThat(outOfRange.status()).isEqualTo(400);
        assertThat(outOfRange.contentType()).startsWith("application/problem+json");
        assertThat(outOfRange.body().toString()).contains("credence");

        Answer stranger = commands.post("/debates/" + debate + "/claims", Map.of("statement", "I was never invited.", "by", "zed"));
        assertThat(stranger.status()).isBetween(400, 499);
        assertThat(stranger.contentType()).startsWith("application/problem+json");

        // The next accepted command takes sequence 4: the refusals wrote nothing to the debate.
        Answer accepted = commands.put("/debates/" + debate + "/participants/ana/views/" + claimId, Map.of("credence", 0.8));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body().get("sequence").asLong()).isEqualTo(4);

        Answer overview = queries.get("/debates/" + debate + "?minSequence=4");
        assertThat(overview.status()).isEqualTo(200);
        assertThat(overview.body().get("sequence").asLong()).isEqualTo(4);
        assertThat(overview.body().get("claims")).hasSize(1);
        assertThat(overview.body().get("claims").get(0).get("credences")).hasSize(1);
    }

    @Test
    void aRevokedTokenIsRefusedAtOnceByTheCommandServiceAndSoonByTheQueryService() throws InterruptedException {
        String token = ledger.accounts().tokenOf(LEAVER);
        JsonHttp asLena = new JsonHttp(ledger.commandService().baseUrl(), token);
        JsonHttp readingAsLena = new JsonHttp(ledger.queryService().baseUrl(), token);
        Answer opened = asLena.post("/debates", Map.of("title", "Can I leave?", "visibility", "public"));
        assertThat(opened.status()).isEqualTo(201);
        String debate = "/debates/" + opened.body().get("debateId").asString() + "?minSequence=1";
        assertThat(readingAsLena.get(debate).status()).isEqualTo(200);

        Answer revoked = ledger.commandAdmin().delete("/admin/accounts/" + LEAVER + "/tokens");
        assertThat(revoked.status()).isEqualTo(200);
        Answer refused = asLena.post("/debates", Map.of("title", "Still me?"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge ->
                assertThat(challenge).startsWith("Bearer"));

        long deadline = System.nanoTime() + RunningLedger.INTROSPECTION_CACHE.plusSeconds(5).toNanos();
        int status = readingAsLena.get(debate).status();
        while (status != 401 && System.nanoTime() < deadline) {
            Thread.sleep(200);
            status = readingAsLena.get(debate).status();
        }
        assertThat(status).as("the query-service refuses the token once its cached answer expires").isEqualTo(401);
        assertThat(queries.get(debate).status()).as("anonymous reads go on").isEqualTo(200);
    }
}
