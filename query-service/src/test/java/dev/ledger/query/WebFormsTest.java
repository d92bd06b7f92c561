package dev.ledger.query;

import dev.ledger.query.EventStoreStub.CommandRequest;
import jakarta.servlet.Filter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The web view's forms forward to the command API (here the command-service's stand-in, which records what it got
 * and answers what a test asks) as the signed-in account with the form's Idempotency-Key, and answer with a 303: to
 * the new thing's page with ?minSequence=, or back with the flash attributes the pages show beside the fields.
 * MockMvc (with the real security filters) because a redirect's flash attributes are not visible over HTTP; the
 * whole path against the real command-service: system-tests' WebFormsIT.
 */
class WebFormsTest extends QueryServiceTestBase {

    /** A public debate the read model knows: DebateReadGuard checks form posts like page reads. */
    private static String DEBATE;
    private static final String CLAIM = "c-1";

    @Autowired
    WebApplicationContext context;

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter security;

    private MockMvc mvc;
    private MockHttpSession session;
    private String csrf;

    @BeforeEach
    void signIn() throws Exception {
        if (DEBATE == null) {
            DebateScript debate = new DebateScript();
            publish(debate.open("Tabs or spaces?", null));
            awaitSequence(debate.debateId, 1);
            DEBATE = debate.debateId;
        }
        mvc = MockMvcBuilders.webAppContextSetup(context).addFilters(security).build();
        session = new MockHttpSession();
        String link = signInLink("zoe");
        String token = URI.create(link).getQuery().replace("token=", "");
        String page = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/login/ott").param("token", token).session(session)).andReturn().getResponse().getContentAsString();
        MvcResult signedIn = mvc.perform(post("/login/ott").session(session).param("token", token)
                .param("_csrf", WebSession.csrf(page))).andReturn();
        assertThat(signedIn.getResponse().getStatus()).isEqualTo(302);
        csrf = WebSession.csrf(mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/login").session(session)).andReturn().getResponse().getContentAsString());
    }

    @Test
    void anAcceptedReasonLeadsToItsClaimWaitingForItsSequence() throws Exception {
        EventStoreStub.get().answerNextCommand(201, "{\"reasonId\":\"r-9\",\"sequence\":7}", 0);
        String key = UUID.randomUUID().toString();
        MvcResult result = submit("/web/debates/" + DEBATE + "/reasons", Map.of("claimId", CLAIM, "stance", "for",
                "text", "Tabs let each reader choose", "inReplyTo", "r-1", "idempotencyKey", key));

        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getRedirectedUrl())
                .isEqualTo("/web/debates/" + DEBATE + "/claims/" + CLAIM + "?minSequence=7#reason-r-9");
        CommandRequest sent = EventStoreStub.get().takeCommand();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/debates/" + DEBATE + "/reasons");
        assertThat(sent.authorization()).startsWith("Bearer ldg_");
        assertThat(sent.idempotencyKey()).isEqualTo(key);
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.get("claimId").asString()).isEqualTo(CLAIM);
        assertThat(body.get("stance").asString()).isEqualTo("for");
        assertThat(body.get("text").asString()).isEqualTo("Tabs let each reader choose");
        assertThat(body.get("inReplyTo").asString()).isEqualTo("r-1");
        assertThat(body.has("by")).as("the actor is the session's account, never a form field").isFalse();
    }

    @Test
    void aDuplicateReasonGoesBackWithTheFieldsErrorAndALinkToTheExistingOne() throws Exception {
        EventStoreStub.get().answerNextCommand(409, """
                {"type":"urn:ledger:problem:conflict","status":409,"detail":"text: you already gave this reason",
                 "errors":[{"field":"text","reason":"you already gave this reason"}],"existingReasonId":"r-3"}""", 0);
        MvcResult result = submit("/web/debates/" + DEBATE + "/reasons", Map.of("claimId", CLAIM, "stance", "against",
                "text", "Spaces look the same everywhere", "idempotencyKey", "k-dup"));

        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/web/debates/" + DEBATE + "/claims/" + CLAIM);
        assertThat(flash(result)).containsEntry("formName", "reason")
                .containsEntry("formErrors", Map.of("text", "text: you already gave this reason"))
                .containsEntry("existingReasonUrl", "/web/debates/" + DEBATE + "/claims/" + CLAIM + "#reason-r-3");
        @SuppressWarnings("unchecked")
        Map<String, String> values = (Map<String, String>) result.getFlashMap().get("formValues");
        assertThat(values).containsEntry("text", "Spaces look the same everywhere").containsEntry("stance", "against")
                .doesNotContainKeys("_csrf", "idempotencyKey");
        EventStoreStub.get().takeCommand();
    }

    @Test
    void aViewNamesTheCitedReasonsAndItsErrorsLandOnTheFormsFields() throws Exception {
        EventStoreStub.get().answerNextCommand(422, """
                {"status":422,"detail":"becauseOf: r-404 is no reason on this claim","errors":[{"field":"becauseOf","reason":"r-404 is no reason"}]}""", 0);
        MvcResult refused = mvc.perform(post("/web/debates/" + DEBATE + "/views/" + CLAIM).session(session).param("_csrf", csrf)
                .param("credence", "0.7").param("rationale", "moved").param("reasonIds", "r-1", "r-404")
                .param("idempotencyKey", "k-view")).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(303);
        assertThat(flash(refused)).containsEntry("formName", "view")
                .containsEntry("formErrors", Map.of("reasonIds", "becauseOf: r-404 is no reason on this claim"));
        CommandRequest sent = EventStoreStub.get().takeCommand();
        assertThat(sent.method()).isEqualTo("PUT");
        assertThat(sent.path()).isEqualTo("/debates/" + DEBATE + "/views/" + CLAIM);
        JsonNode body = JSON.readTree(sent.body());
        assertThat(body.get("credence").asDouble()).isEqualTo(0.7);
        assertThat(body.get("becauseOf").toString()).isEqualTo("[\"r-1\",\"r-404\"]");

        MvcResult notANumber = submit("/web/debates/" + DEBATE + "/views/" + CLAIM, Map.of("credence", "lots"));
        assertThat(flash(notANumber)).containsEntry("formErrors", Map.of("credence", "credence must be a number from 0 to 1"));
    }

    @Test
    void aRefusalOfAFieldTheFormDoesNotHaveIsTheWholeForms() throws Exception {
        EventStoreStub.get().answerNextCommand(403, """
                {"status":403,"detail":"invitedBy: only the owner may invite","errors":[{"field":"invitedBy","reason":"only the owner"}]}""", 0);
        MvcResult result = submit("/web/debates/" + DEBATE + "/invitations", Map.of("handle", "tom", "role", "member"));
        assertThat(flash(result)).containsEntry("formName", "invitation")
                .containsEntry("formErrors", Map.of("_form", "invitedBy: only the owner may invite"));
        assertThat(JSON.readTree(EventStoreStub.get().takeCommand().body()).get("role").asString()).isEqualTo("member");
    }

    @Test
    void aBusyOrSilentLedgerGoesBackSayingSo() throws Exception {
        EventStoreStub.get().answerNextCommand(503, "{\"status\":503,\"detail\":\"busy\"}", 0);
        MvcResult busy = submit("/web/debates/" + DEBATE + "/claims", Map.of("statement", "Tabs are better"));
        assertThat(flash(busy)).containsEntry("formName", "claim")
                .containsEntry("formErrors", Map.of("_form", "The ledger is busy just now; nothing was recorded. Try again in a moment."));
        EventStoreStub.get().takeCommand();

        EventStoreStub.get().answerNextCommand(201, "{\"claimId\":\"late\",\"sequence\":2}", 4000);
        long started = System.nanoTime();
        MvcResult silent = submit("/web/debates/" + DEBATE + "/claims", Map.of("statement", "Tabs are better"));
        assertThat((System.nanoTime() - started) / 1_000_000).as("bounded by ledger.command.timeout (3 s here)").isLessThan(3900);
        assertThat(silent.getResponse().getRedirectedUrl()).isEqualTo("/web/debates/" + DEBATE);
        assertThat(silent.getFlashMap().get("formErrors")).isEqualTo(Map.of("_form", "The ledger is busy just now; nothing was recorded. Try again in a moment."));
        EventStoreStub.get().takeCommand();
    }

    @Test
    void anOpenedDebateLeadsToItsPageAndAJoinSendsTheAccountsName() throws Exception {
        String opened = UUID.randomUUID().toString();
        EventStoreStub.get().answerNextCommand(201, "{\"debateId\":\"" + opened + "\",\"sequence\":1}", 0);
        MvcResult result = submit("/web/debates", Map.of("title", "Tabs or spaces?", "visibility", "public", "description", ""));
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/web/debates/" + opened + "?minSequence=1");
        JsonNode body = JSON.readTree(EventStoreStub.get().takeCommand().body());
        assertThat(body.get("title").asString()).isEqualTo("Tabs or spaces?");
        assertThat(body.has("description")).as("an empty optional field is left out").isFalse();

        EventStoreStub.get().answerNextCommand(201, "{\"sequence\":4}", 0);
        MvcResult joined = submit("/web/debates/" + DEBATE + "/participants", Map.of("returnTo", "//evil.example/x"));
        assertThat(joined.getResponse().getRedirectedUrl()).isEqualTo("/web/debates/" + DEBATE + "?minSequence=4");
        assertThat(JSON.readTree(EventStoreStub.get().takeCommand().body()).get("displayName").asString()).isEqualTo("zoe");

        EventStoreStub.get().answerNextCommand(201, "{\"sequence\":5}", 0);
        MvcResult acknowledged = submit("/web/debates/" + DEBATE + "/reasons/r-2/acknowledgements",
                Map.of("kind", "conceded", "note", "fair", "returnTo", "/web/debates/" + DEBATE + "/claims/" + CLAIM));
        assertThat(acknowledged.getResponse().getRedirectedUrl()).isEqualTo("/web/debates/" + DEBATE + "?minSequence=5");
        CommandRequest ack = EventStoreStub.get().takeCommand();
        assertThat(ack.path()).isEqualTo("/debates/" + DEBATE + "/reasons/r-2/acknowledgements");
        assertThat(JSON.readTree(ack.body()).get("kind").asString()).isEqualTo("conceded");

        EventStoreStub.get().answerNextCommand(422, "{\"status\":422,\"detail\":\"your own reason\",\"errors\":[]}", 0);
        MvcResult refused = submit("/web/debates/" + DEBATE + "/reasons/r-2/acknowledgements",
                Map.of("kind", "noted", "returnTo", "/web/debates/" + DEBATE + "/claims/" + CLAIM));
        assertThat(refused.getResponse().getRedirectedUrl()).as("back where the form was").isEqualTo("/web/debates/" + DEBATE + "/claims/" + CLAIM);
        EventStoreStub.get().takeCommand();
    }

    @Test
    void aRevokedSessionTokenSignsThePersonOut() throws Exception {
        EventStoreStub.get().answerNextCommand(401, "{\"status\":401,\"detail\":\"revoked\"}", 0);
        MvcResult result = submit("/web/debates/" + DEBATE + "/claims", Map.of("statement", "Tabs"));
        assertThat(result.getResponse().getRedirectedUrl()).isEqualTo("/web/sign-in");
        EventStoreStub.get().takeCommand();
        assertThat(session.isInvalid()).isTrue();
    }

    private static Map<String, Object> flash(MvcResult result) {
        return result.getFlashMap();
    }

    private MvcResult submit(String path, Map<String, String> fields) throws Exception {
        var request = post(path).session(session).param("_csrf", csrf);
        fields.forEach(request::param);
        return mvc.perform(request).andReturn();
    }
}
