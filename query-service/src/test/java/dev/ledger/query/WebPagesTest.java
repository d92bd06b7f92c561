package dev.ledger.query;

import dev.ledger.events.AcknowledgementKind;
import dev.ledger.events.Role;
import dev.ledger.events.Stance;
import dev.ledger.events.Visibility;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

        WebSession maya = new WebSession(port);
        maya.signInWith(signInLink("maya"));
        HttpResponse<String> asOwner = maya.get("/web/debates/" + debate.debateId);
        assertThat(asOwner.statusCode()).isEqualTo(200);
        assertThat(asOwner.body()).contains("A secret claim", "State a claim", "Invite someone");
        WebSession tom = new WebSession(port);
        tom.signInWith(signInLink("tom"));
        HttpResponse<String> asInvited = tom.get("/web/debates/" + debate.debateId);
        assertThat(asInvited.statusCode()).isEqualTo(200);
        assertThat(asInvited.body()).contains("Join this debate").doesNotContain("State a claim", "Invite someone");
        HttpResponse<String> home = maya.get("/web/");
        assertThat(home.body()).contains("My debates", "Private matters", "Open a debate");
    }

    @Test
    void aResolvedClaimShowsItsResolutionScoresCreditAndEngagementAsTheApiComputesThem() {
        DebateScript debate = new DebateScript();
        debate.open("Ship on Friday?", null, "maya", Visibility.PUBLIC);                   // 1
        debate.join("maya", "Maya", Role.OWNER);                                            // 2
        debate.join("tom", "Tom", Role.MEMBER);                                             // 3
        debate.claim("c1", "The release ships on Friday", "maya");                         // 4
        debate.reason("r1", "c1", Stance.FOR, "The tests are green", "maya", null);         // 5
        debate.reason("r2", "c1", Stance.AGAINST, "The migration is untested", "tom", null); // 6
        debate.view("maya", "c1", 0.9, null, "green tests", List.of("r1"));                 // 7
        debate.view("tom", "c1", 0.3, null, "risky migration", List.of("r2"));              // 8
        debate.acknowledge("r1", "tom", AcknowledgementKind.NOTED, null);                   // 9
        debate.resolve("c1", true, "Shipped at noon", "maya");                              // 10
        publish(debate.events());
        awaitSequence(debate.debateId, 10);
        String claimPath = "/web/debates/" + debate.debateId + "/claims/c1";

        Answer claim = get(claimPath);
        assertThat(claim.status()).as(claim.body()).isEqualTo(200);
        assertThat(claim.body()).contains("Resolution", "id=\"resolution-outcome\">true<", "Shipped at noon", "Maya")
                .doesNotContain("Resolve this claim"); // anonymous: no form
        JsonNode scores = get("/debates/" + debate.debateId + "/claims/c1/scores").json().get("participants");
        List<List<String>> scoreRows = rows(claim.body(), "claim-scores");
        assertThat(scoreRows).hasSize(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            JsonNode s = scores.get(i);
            assertThat(scoreRows.get(i)).containsExactly(s.get("participantId").asString().equals("maya") ? "Maya" : "Tom",
                    score(s.get("brier")), score(s.get("log")), score(s.get("baseline")), score(s.get("peer")),
                    score(s.get("heldFor")));
        }
        JsonNode credit = get("/debates/" + debate.debateId + "/claims/c1/reason-credit").json().get("reasons");
        List<List<String>> creditRows = rows(claim.body(), "reason-credit");
        assertThat(creditRows).hasSize(credit.size());
        for (int i = 0; i < credit.size(); i++) {
            JsonNode r = credit.get(i);
            assertThat(creditRows.get(i)).containsExactly(String.valueOf(r.get("rank").asInt()), r.get("text").asString(),
                    r.get("stance").asString(), score(r.get("credit")), String.valueOf(r.get("movedParticipants").size()));
        }
        assertThat(creditRows.get(0).get(1)).isEqualTo("The tests are green"); // it moved maya towards the truth
        // tom (0.3, below 0.5) opposes the reason for, r1, and noted it; maya (0.9) opposes r2 and never engaged it
        assertThat(rows(claim.body(), "claim-engagement")).containsExactly(
                List.of("Maya", "1", "0", "0.00"), List.of("Tom", "1", "1", "1.00"));

        Answer before = get(claimPath + "?atSequence=9");
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        assertThat(before.body()).doesNotContain("id=\"resolution\"", "claim-scores", "reason-credit")
                .contains("claim-engagement");

        WebSession maya = new WebSession(port);
        maya.signInWith(signInLink("maya"));
        assertThat(maya.get(claimPath).body()).contains("Annul the resolution", "name=\"idempotencyKey\"");
        assertThat(maya.get(claimPath + "?atSequence=9").body()).doesNotContain("Annul the resolution", "Resolve this claim");

        Answer participant = get("/web/debates/" + debate.debateId + "/participants/tom");
        assertThat(participant.status()).as(participant.body()).isEqualTo(200);
        JsonNode tom = get("/debates/" + debate.debateId + "/scores").json().get("participants").get(1);
        assertThat(tom.get("participantId").asString()).isEqualTo("tom");
        assertThat(rows(participant.body(), "participant-scores")).containsExactly(List.of("1", score(tom.get("brier")),
                score(tom.get("log")), score(tom.get("baseline")), score(tom.get("peer"))));
    }

    @Test
    void theDebatePageShowsTheSignedCheckpointAndOffersTheBundleToItsOwner() throws Exception {
        DebateScript debate = new DebateScript();
        debate.open("Audited", null, "maya", Visibility.PUBLIC);
        debate.join("maya", "Maya", Role.OWNER);
        debate.join("tom", "Tom", Role.MEMBER);
        publish(debate.events());
        awaitSequence(debate.debateId, 3);
        String debatePath = "/web/debates/" + debate.debateId;

        Answer unavailable = get(debatePath);
        assertThat(unavailable.status()).isEqualTo(200);
        assertThat(unavailable.body()).contains("checkpoint is not available");

        String note = "ledger.test/debates/" + debate.debateId + "\n3\nq2Vz5oXw0bBGxDk6f0kF3r2KqS9C1mD4n8L7pT6uYwE=\n\n"
                + "\u2014 ledger.test AbCdEf==\n";
        EventStoreStub.get().checkpoint(debate.debateId, note);
        Answer shown = get(debatePath);
        assertThat(shown.body()).contains("id=\"checkpoint-tree-size\">3<",
                "q2Vz5oXw0bBGxDk6f0kF3r2KqS9C1mD4n8L7pT6uYwE=", "<pre", "ledger.test/debates/" + debate.debateId)
                .doesNotContain("Download the verifiable bundle"); // anonymous
        WebSession tom = new WebSession(port);
        tom.signInWith(signInLink("tom"));
        assertThat(tom.get(debatePath).body()).contains("id=\"checkpoint-tree-size\">3<")
                .doesNotContain("Download the verifiable bundle"); // a member, not the owner

        WebSession maya = new WebSession(port);
        maya.signInWith(signInLink("maya"));
        assertThat(maya.get(debatePath).body()).contains("Download the verifiable bundle", debatePath + "/export");
        HttpResponse<byte[]> bundle = maya.getBytes(debatePath + "/export");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type").orElse("")).startsWith("application/zip");
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(bundle.body()))) {
            assertThat(zip.getNextEntry().getName()).isEqualTo("checkpoint");
            assertThat(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(note);
        }
        Answer anonymous = get(debatePath + "/export"); // the command-service refuses a bundle to nobody
        assertThat(anonymous.status()).isEqualTo(403);
        assertThat(anonymous.contentType()).startsWith("text/html");
    }

    /** The cells of each body row of the table with this id, as the page shows them. */
    private static List<List<String>> rows(String html, String tableId) {
        Matcher table = Pattern.compile("<table[^>]*id=\"" + tableId + "\"[^>]*>(.*?)</table>", Pattern.DOTALL).matcher(html);
        assertThat(table.find()).as("the page has the table " + tableId).isTrue();
        String body = table.group(1).substring(table.group(1).indexOf("<tbody>"));
        List<List<String>> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr[^>]*>(.*?)</tr>", Pattern.DOTALL).matcher(body);
        while (row.find()) {
            List<String> cells = new ArrayList<>();
            Matcher cell = Pattern.compile("<t[hd][^>]*>(.*?)</t[hd]>", Pattern.DOTALL).matcher(row.group(1));
            while (cell.find()) {
                cells.add(cell.group(1).replaceAll("<[^>]+>", "").strip());
            }
            rows.add(cells);
        }
        return rows;
    }

    /** A score as the pages write it: four decimals, a dash for none. */
    private static String score(JsonNode value) {
        return value == null || value.isNull() ? "–" : String.format(Locale.ROOT, "%.4f", value.asDouble());
    }

    @Test
    void theTimelinePagesForwardAndBackward() {
        DebateScript debate = new DebateScript();
        debate.open("A long debate", null, "maya", Visibility.PUBLIC);
        debate.join("maya", "Maya", Role.OWNER);
        debate.claim("c1", "Long debates page", "maya");
        for (int i = 1; i <= 120; i++) {
            debate.view("maya", "c1", (i % 10) / 10.0, null, "step " + i, List.of());
        }
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());
        String first = get("/web/debates/" + debate.debateId).body();
        assertThat(first).contains("Later events").doesNotContain("Earlier events", "First events");
        String second = get("/web/debates/" + debate.debateId + "?after=50").body();
        assertThat(second).contains("<li data-sequence=\"51\"", "<li data-sequence=\"100\"").doesNotContain("<li data-sequence=\"50\"")
                .contains("First events").doesNotContain("Earlier events");
        String third = get("/web/debates/" + debate.debateId + "?after=100").body();
        assertThat(third).contains("<li data-sequence=\"123\"").doesNotContain("Later events")
                .contains("after=50#timeline-heading\">Earlier events");
        // a page that does not start at a multiple of the page size goes back by exactly one page
        assertThat(get("/web/debates/" + debate.debateId + "?after=73").body()).contains("after=23#timeline-heading\">Earlier events");
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
