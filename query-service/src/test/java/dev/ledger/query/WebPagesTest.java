package dev.ledger.query;

import dev.ledger.events.Role;
import dev.ledger.events.Visibility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web view's pages as the query-service renders them (the browser tests in system-tests drive them in Chromium):
 * each page shows the read model's data, the claim page's chart data is the API's history, the as-of parameters
 * show an earlier state, and a private debate is 404 to an outsider here as in the API.
 */
class WebPagesTest extends QueryServiceTestBase {

    private static final Pattern CHART_DATA = Pattern.compile(
            "<script type=\"application/json\" id=\"trajectory-data\">(.*?)</script>", Pattern.DOTALL);

    @Test
    void rendersTheDebateClaimAndParticipantPagesOfAPublicDebate() {
        DebateScript debate = ClaimDetailTest.remoteWork();
        publish(debate.events());
        awaitSequence(debate.debateId, 22);

        Answer page = get("/web/debates/" + debate.debateId);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("Remote by default?", "Remote work should be the default", "Buddies are remote too",
                "Offices should close on Fridays", "Carol", "the commute data convinces me");
        assertThat(page.body()).doesNotContain("<form method=\"post\""); // anonymous: no form to send

        Answer claim = get("/web/debates/" + debate.debateId + "/claims/c1");
        assertThat(claim.status()).as(claim.body()).isEqualTo(200);
        assertThat(claim.body()).contains("commute beats onboarding", "Hiring pool grows", "Showing now: sequence");
        JsonNode chart = chartData(claim.body());
        assertThat(chart.get("sequence").asLong()).isEqualTo(22);
        JsonNode bob = series(chart, "bob");
        assertThat(bob.get("label").asString()).isEqualTo("Bob");
        JsonNode history = get("/debates/" + debate.debateId + "/participants/bob/history").json().get("changes");
        assertThat(bob.get("points")).hasSize(history.size());
        for (int i = 0; i < history.size(); i++) {
            JsonNode point = bob.get("points").get(i);
            assertThat(point.get("sequence").asLong()).isEqualTo(history.get(i).get("sequence").asLong());
            assertThat(point.get("at").asString()).isEqualTo(history.get(i).get("at").asString());
            assertThat(point.get("credence").asDouble()).isEqualTo(history.get(i).get("to").asDouble());
            assertThat(point.get("rationale").asString()).isEqualTo(history.get(i).get("rationale").asString());
        }
        assertThat(bob.get("points").get(1).get("reasons").get(0).get("text").asString()).isEqualTo("Nobody commutes");

        Answer participant = get("/web/debates/" + debate.debateId + "/participants/bob");
        assertThat(participant.status()).as(participant.body()).isEqualTo(200);
        assertThat(participant.body()).contains("Bob", "commute beats onboarding", "Nobody commutes");
        assertThat(series(chartData(participant.body()), "c1").get("points")).hasSize(2);
    }

    @Test
    void showsTheClaimAsItWasAtAnEarlierSequence() {
        DebateScript debate = ClaimDetailTest.remoteWork();
        publish(debate.events());
        awaitSequence(debate.debateId, 22);

        Answer then = get("/web/debates/" + debate.debateId + "/claims/c1?atSequence=13");
        assertThat(then.status()).as(then.body()).isEqualTo(200);
        assertThat(then.body()).contains("as it was at sequence").doesNotContain("Hiring pool grows");
        JsonNode chart = chartData(then.body());
        assertThat(chart.get("sequence").asLong()).isEqualTo(13);
        assertThat(series(chart, "bob").get("points")).hasSize(1);

        Answer bad = get("/web/debates/" + debate.debateId + "/claims/c1?asOf=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("text/html");
        assertThat(bad.body()).contains("asOf", "ISO-8601");
    }

    @Test
    void aPrivateDebateIsNotFoundToOutsidersAndShownToItsMembers() {
        DebateScript debate = new DebateScript();
        debate.open("Private matters", null, "maya", Visibility.PRIVATE);
        debate.join("maya", "Maya", Role.OWNER);
        debate.claim("c1", "A secret claim", "maya");
        debate.invite("tom", Role.MEMBER, "maya");
        publish(debate.events());
        awaitSequence(debate.debateId, 4);

        Answer anonymous = get("/web/debates/" + debate.debateId);
        assertThat(anonymous.status()).isEqualTo(404);
        assertThat(anonymous.body()).doesNotContain("Private matters");
        assertThat(get("/web/debates/" + debate.debateId + "/claims/c1").status()).isEqualTo(404);
        assertThat(get("/web/").body()).doesNotContain("Private matters");

        // pages act as the signed-in session's account (a one-time link), not as a bearer token
        WebSession asMaya = new WebSession(port);
        asMaya.signInWith(signInLink("maya"));
        var maya = asMaya.get("/web/debates/" + debate.debateId);
        assertThat(maya.statusCode()).isEqualTo(200);
        assertThat(maya.body()).contains("A secret claim", "State a claim", "Invite someone");
        WebSession asTom = new WebSession(port);
        asTom.signInWith(signInLink("tom"));
        var tom = asTom.get("/web/debates/" + debate.debateId);
        assertThat(tom.statusCode()).isEqualTo(200);
        assertThat(tom.body()).contains("Join this debate").doesNotContain("State a claim", "Invite someone");
        assertThat(asMaya.get("/web/").body()).contains("My debates", "Private matters", "Open a debate");
    }

    @Test
    void theRootLeadsToTheWebView() {
        Answer root = get("/");
        assertThat(root.status()).isEqualTo(302);
    }

    private static JsonNode chartData(String html) {
        Matcher matcher = CHART_DATA.matcher(html);
        assertThat(matcher.find()).as("the page carries its chart's data").isTrue();
        return JSON.readTree(matcher.group(1));
    }

    private static JsonNode series(JsonNode chart, String key) {
        for (JsonNode series : chart.get("series")) {
            if (series.get("key").asString().equals(key)) {
                return series;
            }
        }
        throw new AssertionError("no series " + key + " in " + chart);
    }
}
