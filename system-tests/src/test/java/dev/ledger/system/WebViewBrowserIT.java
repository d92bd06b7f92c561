package dev.ledger.system;

import dev.ledger.system.JsonHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web view in a real browser (headless Chromium), against both services, PostgreSQL and Kafka: a public debate
 * logged through the API, as the demo does, read without signing in. Every page is checked with axe-core (no
 * serious or critical violation), at a phone's width (no horizontal scrolling) and with JavaScript off, and saved as
 * a screenshot under target/screenshots.
 */
@ExtendWith(SharedLedger.class)
class WebViewBrowserIT {

    private static RunningLedger ledger;
    private static OidcProvider oidc;
    private static Browser browser;
    private static String base;
    private static String debate;
    private static String claim;
    /** The sequence right after Tom's first view (0.4), before he moved. */
    private static long beforeTomMoved;
    private static long last;
    /** Tom's reason against the claim. */
    private static String echoReason;

    @BeforeAll
    static void logAPublicDebate(RunningLedger shared, OidcProvider provider) throws Exception {
        browser = Browser.open(1280, 900); // skips (or fails, on CI) when there is no browser
        ledger = shared;
        oidc = provider;
        base = ledger.queryService().baseUrl();
        JsonHttp maya = ledger.commandsAs("maya");
        JsonHttp tom = ledger.commandsAs("tom");
        JsonHttp priya = ledger.commandsAs("priya");
        debate = created(maya.post("/debates", Map.of("title", "Mimicry or emergence?", "visibility", "public",
                "description", "Where does the model's worrying behaviour come from?")), "debateId");
        created(maya.post(path("/participants"), Map.of("displayName", "Maya Okafor")), "sequence");
        created(tom.post(path("/participants"), Map.of("displayName", "Tom Brandt")), "sequence");
        created(priya.post(path("/participants"), Map.of("displayName", "Priya Raman")), "sequence");
        claim = created(maya.post(path("/claims"), Map.of("statement",
                "It matters to tell mimicry apart from behaviour that arises on its own.")), "claimId");
        String fixes = created(maya.post(path("/reasons"), Map.of("claimId", claim, "stance", "for",
                "text", "The fixes would differ.")), "reasonId");
        String echo = echoReason = created(tom.post(path("/reasons"), Map.of("claimId", claim, "stance", "against",
                "text", "Both look the same from outside, so telling them apart may be impossible.")), "reasonId");
        created(maya.post(path("/reasons"), Map.of("claimId", claim, "stance", "for", "inReplyTo", echo,
                "text", "Ablations on the training data can tell them apart.")), "reasonId");
        created(tom.post(path("/reasons/" + fixes + "/acknowledgements"), Map.of("kind", "noted", "note", "Thanks!")), "sequence");
        beforeTomMoved = ok(tom.put(path("/views/" + claim), Map.of("credence", 0.4,
                "rationale", "Not sure it matters."))).get("sequence").asLong();
        ok(maya.put(path("/views/" + claim), Map.of("credence", 0.9, "rationale", "The remedies differ.",
                "becauseOf", List.of(fixes))));
        ok(tom.put(path("/views/" + claim), Map.of("credence", 0.75, "rationale", "Different fixes decide it for me.",
                "becauseOf", List.of(fixes))));
        ok(priya.put(path("/views/" + claim), Map.of("credence", 0.3, "rationale", "Hard to tell apart.",
                "becauseOf", List.of(echo))));
        last = ok(tom.put(path("/views/" + claim), Map.of("credence", 0.6,
                "rationale", "The outside view gives me pause.", "becauseOf", List.of(echo)))).get("sequence").asLong();
        assertThat(ledger.queries().get(path("") + "?minSequence=" + last).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void anyoneReadsAPublicDebateFromTheFrontPage() {
        WebDriver page = browser.driver();
        page.get(base + "/");
        assertThat(page.getCurrentUrl()).endsWith("/web/");
        assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Public debates");
        assertThat(page.findElement(By.linkText("Sign in")).isDisplayed()).isTrue();
        browser.screenshot("home");

        page.findElement(By.linkText("Mimicry or emergence?")).click();
        assertThat(page.getCurrentUrl()).endsWith("/web/debates/" + debate);
        String text = page.findElement(By.id("main")).getText();
        assertThat(text).contains("It matters to tell mimicry apart", "The fixes would differ.",
                "Ablations on the training data can tell them apart.", "Tom Brandt", "Priya Raman", "owner", "Thanks!");
        // the reply sits inside the reason it answers
        WebElement reply = page.findElement(By.xpath("//li[contains(@class,'reason')][.//span[text()='Both look the same from outside, "
                + "so telling them apart may be impossible.']]//li[contains(@class,'reason')]"));
        assertThat(reply.getText()).contains("Ablations on the training data");
        assertThat(page.findElements(By.cssSelector("form[method=post]"))).as("no form for an anonymous reader").isEmpty();
        assertThat(page.findElements(By.cssSelector(".timeline li"))).hasSizeGreaterThanOrEqualTo((int) last);
        browser.screenshot("debate");

        page.findElement(By.linkText("Tom Brandt")).click();
        assertThat(page.findElement(By.tagName("h1")).getText()).contains("Tom Brandt");
        assertThat(page.findElement(By.id("main")).getText()).contains("The outside view gives me pause.", "The fixes would differ.");
        browser.screenshot("participant");
    }

    @Test
    void theClaimChartsDataIsTheApisHistory() throws Exception {
        WebDriver page = browser.driver();
        page.get(base + "/web/debates/" + debate + "/claims/" + claim);
        assertThat(page.findElement(By.id("trajectory-chart")).getAttribute("data-rendered")).as("uPlot drew the chart").isEqualTo("true");
        assertThat(page.findElements(By.cssSelector("#trajectory-chart canvas"))).isNotEmpty();
        JsonNode chart = chartData();
        for (String participant : List.of("maya", "tom", "priya")) {
            JsonNode history = ledger.queries().get(path("/participants/" + participant + "/history")).body().get("changes");
            List<String> expected = new ArrayList<>();
            for (JsonNode change : history) {
                if (change.get("claimId").asString().equals(claim)) {
                    expected.add(change.get("sequence").asLong() + " " + change.get("at").asString() + " " + change.get("to").asDouble()
                            + " " + change.get("rationale").asString() + " " + change.get("becauseOf"));
                }
            }
            List<String> shown = new ArrayList<>();
            for (JsonNode point : series(chart, participant).get("points")) {
                List<String> reasonIds = new ArrayList<>();
                point.get("reasons").forEach(r -> reasonIds.add(r.get("reasonId").asString()));
                shown.add(point.get("sequence").asLong() + " " + point.get("at").asString() + " " + point.get("credence").asDouble()
                        + " " + point.get("rationale").asString() + " " + JsonHttp.JSON.valueToTree(reasonIds));
            }
            assertThat(shown).as(participant).isEqualTo(expected).isNotEmpty();
        }
        // the same data as a table, for screen readers and without JavaScript
        int points = 0;
        for (JsonNode series : chart.get("series")) {
            points += series.get("points").size();
        }
        assertThat(points).isGreaterThanOrEqualTo(5);
        assertThat(page.findElements(By.cssSelector("table.changes tbody tr"))).hasSize(points);

        // focusing the chart and stepping with the arrow keys tells each change's rationale and reasons
        WebElement figure = page.findElement(By.id("trajectory-chart"));
        figure.sendKeys(Keys.ARROW_RIGHT);
        assertThat(page.findElement(By.id("trajectory-detail")).getText()).contains("Tom Brandt", "first view", "Not sure it matters.");
        figure.sendKeys(Keys.ARROW_RIGHT);
        assertThat(page.findElement(By.id("trajectory-detail")).getText()).contains("Maya Okafor", "The fixes would differ.");

        browser.screenshot("claim");
    }

    @Test
    void theAsOfSliderShowsTheClaimAsItWas() {
        WebDriver page = browser.driver();
        page.get(base + "/web/debates/" + debate + "/claims/" + claim);
        WebElement slider = page.findElement(By.id("at-sequence"));
        long now = Long.parseLong(slider.getAttribute("value"));
        assertThat(now).isGreaterThanOrEqualTo(last);
        // keyboard only: down to the sequence right after Tom's first view, then Show
        for (long at = now; at > beforeTomMoved; at--) {
            slider.sendKeys(Keys.ARROW_LEFT);
        }
        assertThat(page.findElement(By.id("at-sequence-value")).getText()).isEqualTo(String.valueOf(beforeTomMoved));
        slider.findElement(By.xpath("ancestor::form//button")).click();

        assertThat(page.getCurrentUrl()).contains("atSequence=" + beforeTomMoved);
        assertThat(page.findElement(By.cssSelector(".time-travel")).getText()).contains("sequence " + beforeTomMoved);
        JsonNode chart = chartData();
        assertThat(chart.get("sequence").asLong()).isEqualTo(beforeTomMoved);
        assertThat(chart.get("series")).hasSize(1);
        assertThat(series(chart, "tom").get("points")).hasSize(1);
        assertThat(page.findElement(By.cssSelector(".distribution")).getText()).contains("1 view", "0.40").doesNotContain("0.90");
        browser.screenshot("claim-as-of");

        page.findElement(By.linkText("Back to now")).click();
        assertThat(chartData().get("sequence").asLong()).isEqualTo(now);
    }

    @Test
    void everyPageHasNoSeriousAccessibilityViolation() {
        WebDriver page = browser.driver();
        Map<String, List<String>> violations = new LinkedHashMap<>();
        for (String address : pages()) {
            page.get(base + address);
            violations.put(address, browser.seriousAccessibilityViolations());
        }
        assertThat(violations).allSatisfy((address, found) -> assertThat(found).as(address).isEmpty());
    }

    @Test
    void everyPageFitsAPhonesWidth() {
        try (Browser phone = Browser.open(375, 800)) {
            for (String address : pages()) {
                phone.driver().get(base + address);
                assertThat(phone.scrollsHorizontally()).as("%s scrolls sideways at 375 px", address).isFalse();
            }
            phone.driver().get(base + "/web/debates/" + debate + "/claims/" + claim);
            phone.screenshot("claim-375px");
        }
    }

    @Test
    void readingWorksWithJavaScriptOff() {
        try (Browser noScript = Browser.openWithoutJavaScript(1024, 800)) {
            WebDriver page = noScript.driver();
            page.get(base + "/web/debates/" + debate + "/claims/" + claim);
            assertThat(page.findElement(By.id("trajectory-chart")).getAttribute("data-rendered")).isNull();
            page.findElement(By.cssSelector("details.data-table summary")).click();
            assertThat(page.findElement(By.cssSelector("table.changes")).getText())
                    .contains("Different fixes decide it for me.", "The fixes would differ.");
            // the as-of form is a plain GET form
            WebElement asOf = page.findElement(By.id("as-of"));
            asOf.sendKeys("2000-01-01T00:00:00Z");
            asOf.submit();
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("Not found");
            assertThat(page.findElement(By.id("main")).getText()).contains("before the debate opened");
            noScript.screenshot("claim-without-javascript");
        }
    }


    @Test
    void aViewPostedThroughTheApiShowsInAnOpenPageWithinTwoSeconds() {
        try (Browser watching = Browser.open(1280, 900)) {
            WebDriver page = watching.driver();
            page.get(base + "/web/debates/" + debate + "/claims/" + claim);
            assertThat(page.findElement(By.tagName("body")).getAttribute("data-live-url")).contains("/live");
            long sequence = ok(ledger.commandsAs("priya").put(path("/views/" + claim), Map.of("credence", 0.45,
                    "rationale", "Watching live."))).get("sequence").asLong();
            // from the moment the read model has it (the projection's own lag is measured elsewhere)
            assertThat(ledger.queries().get(path("") + "?minSequence=" + sequence).status()).isEqualTo(200);
            long applied = System.nanoTime();
            new WebDriverWait(page, Duration.ofSeconds(2), Duration.ofMillis(50))
                    .until(driver -> {
                        JsonNode points = series(chartData(watching), "priya").get("points");
                        return points.get(points.size() - 1).get("sequence").asLong() == sequence;
                    });
            long took = (System.nanoTime() - applied) / 1_000_000;
            assertThat(page.findElement(By.id("trajectory-chart")).getAttribute("data-rendered")).as("redrawn").isEqualTo("true");
            assertThat(page.findElement(By.cssSelector("table.changes")).getAttribute("textContent")).contains("Watching live.");
            System.out.println("Live update shown " + took + " ms after the read model applied it");
        }
    }

    // ------------------------------------------------------------------------------------ signed in: the forms

    @Test
    void aSignInLinkSignsInAndEachFormRecordsOrSaysWhyNotBesideTheField() {
        try (Browser asMaya = Browser.open(1280, 900)) {
            WebDriver page = asMaya.driver();
            String web = signIn(asMaya, "maya");
            assertThat(page.findElement(By.cssSelector(".signed-in")).getText()).contains("maya");
            assertThat(page.findElement(By.tagName("h1")).getText()).isEqualTo("My debates");
            assertThat(page.findElement(By.id("main")).getText()).contains("Mimicry or emergence?");
            asMaya.screenshot("home-signed-in");

            // open a debate: a blank title is refused beside the field, then one is opened
            fill(page, "debate-title", "   ");
            page.findElement(By.id("debate-title")).submit();
            assertRefusedBeside(page, "debate-title");
            fill(page, "debate-title", "Tabs or spaces?");
            page.findElement(By.cssSelector("input[name=visibility][value=public]")).click();
            page.findElement(By.id("debate-title")).submit();
            awaitText(page, By.tagName("h1"), "Tabs or spaces?");

            // join it (the owner too joins before taking part)
            page.findElement(By.cssSelector(".join button")).click();
            awaitText(page, By.id("main"), "you are owner");

            // state a claim: blank refused, then stated
            page.get(web + "debates/" + debate);
            fill(page, "claim-statement", "   ");
            page.findElement(By.id("claim-statement")).submit();
            assertRefusedBeside(page, "claim-statement");
            fill(page, "claim-statement", "Browsers can log a debate.");
            page.findElement(By.id("claim-statement")).submit();
            awaitText(page, By.tagName("h1"), "Browsers can log a debate.");
            String claimPage = page.getCurrentUrl().replaceAll("[?#].*", "");

            // propose a reason, then the same again: the duplicate is refused with a link to the first
            fill(page, "reason-text", "Forms are enough.");
            page.findElement(By.id("reason-text")).submit();
            awaitText(page, By.id("main"), "Forms are enough.");
            fill(page, "reason-text", "forms are   enough.");
            page.findElement(By.id("reason-text")).submit();
            assertRefusedBeside(page, "reason-text");
            WebElement existing = page.findElement(By.linkText("See the reason you already gave"));
            assertThat(existing.getAttribute("href")).contains(claimPage.substring(claimPage.indexOf("/web/"))).contains("#reason-");

            // update the view: a rationale with an invisible character is refused, then 0.80 citing the reason
            WebElement credence = page.findElement(By.id("view-credence"));
            credence.sendKeys(Keys.END);
            for (int i = 0; i < 20; i++) {
                credence.sendKeys(Keys.ARROW_LEFT);
            }
            assertThat(page.findElement(By.id("view-credence-value")).getText()).isEqualTo("0.80");
            fill(page, "view-rationale", "zero\u200Bwidth");
            page.findElement(By.id("view-rationale")).submit();
            assertRefusedBeside(page, "view-rationale");
            fill(page, "view-rationale", "Forms decide it.");
            page.findElement(By.cssSelector("input[name=reasonIds]")).click();
            page.findElement(By.id("view-rationale")).submit();
            awaitText(page, By.cssSelector("table.changes"), "Forms decide it.");
            JsonNode mine = series(chartData(asMaya), "maya").get("points");
            assertThat(mine.get(mine.size() - 1).get("credence").asDouble()).isEqualTo(0.8);
            assertThat(mine.get(mine.size() - 1).get("rationale").asString()).isEqualTo("Forms decide it.");
            assertThat(mine.get(mine.size() - 1).get("reasons")).hasSize(1);

            // invite: herself is refused beside the handle, then sven as an observer
            page.get(web + "debates/" + debate);
            fill(page, "invitation-handle", "maya");
            page.findElement(By.id("invitation-handle")).submit();
            assertRefusedBeside(page, "invitation-handle");
            fill(page, "invitation-handle", "sven");
            new org.openqa.selenium.support.ui.Select(page.findElement(By.id("invitation-role"))).selectByValue("observer");
            page.findElement(By.id("invitation-handle")).submit();
            awaitText(page, By.cssSelector(".timeline"), "invited sven");
            asMaya.screenshot("debate-signed-in");
        }
    }

    @Test
    void aNewcomerJoinsAndAcknowledgesAReason() {
        try (Browser asLena = Browser.open(1280, 900)) {
            WebDriver page = asLena.driver();
            String web = signIn(asLena, "lena");
            // joined meanwhile (in another tab, say) while this page, without JavaScript so not live, still offers it
            try (Browser stale = Browser.openWithoutJavaScript(1024, 800)) {
                String staleWeb = signIn(stale, "lena");
                stale.driver().get(staleWeb + "debates/" + debate);
                assertThat(ledger.commandsAs("lena").post(path("/participants"), Map.of("displayName", "Lena")).status()).isEqualTo(201);
                stale.driver().findElement(By.cssSelector(".join button")).click();
                assertThat(stale.driver().findElement(By.cssSelector(".join .form-error")).getText()).as("the join's refusal").isNotBlank();
            }

            try (Browser asOmar = Browser.open(1280, 900)) {
                String omarsWeb = signIn(asOmar, "omar");
                asOmar.driver().get(omarsWeb + "debates/" + debate);
                asOmar.driver().findElement(By.cssSelector(".join button")).click();
                assertThat(asOmar.driver().findElement(By.id("main")).getText()).contains("you are member");
            }

            // acknowledge Tom's reason: an invisible character in the note is refused beside it, then conceded
            page.get(web + "debates/" + debate + "/claims/" + claim);
            WebElement form = acknowledgementForm(page, echoReason);
            form.findElement(By.tagName("summary")).click();
            WebElement note = form.findElement(By.name("note"));
            note.sendKeys("fair\u200Bpoint");
            note.submit();
            new WebDriverWait(page, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                    .until(driver -> "true".equals(acknowledgementForm(driver, echoReason).findElement(By.name("note")).getAttribute("aria-invalid")));
            form = acknowledgementForm(page, echoReason);
            WebElement refusedNote = form.findElement(By.name("note"));
            assertThat(refusedNote.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(page.findElement(By.id(refusedNote.getAttribute("aria-describedby"))).getText()).isNotBlank();
            refusedNote.clear();
            refusedNote.sendKeys("Fair point.");
            form.findElement(By.cssSelector("input[name=kind][value=conceded]")).click();
            refusedNote.submit();
            awaitText(page, By.id("reason-" + echoReason), "Fair point.");
            assertThat(page.findElement(By.id("reason-" + echoReason)).getText()).contains("lena", "conceded");
        }
    }

    @Test
    void theOwnerResolvesAClaimAndTheScoresAndTheSignedCheckpointShow() {
        JsonHttp maya = ledger.commandsAs("maya");
        JsonHttp tom = ledger.commandsAs("tom");
        String resolvable = created(maya.post("/debates", Map.of("title", "Will the release ship on Friday?",
                "visibility", "public")), "debateId");
        String debatePath = "/debates/" + resolvable;
        created(maya.post(debatePath + "/participants", Map.of("displayName", "Maya Okafor")), "sequence");
        created(tom.post(debatePath + "/participants", Map.of("displayName", "Tom Brandt")), "sequence");
        String friday = created(maya.post(debatePath + "/claims", Map.of("statement", "The release ships on Friday.")), "claimId");
        ok(maya.put(debatePath + "/views/" + friday, Map.of("credence", 0.8)));
        ok(tom.put(debatePath + "/views/" + friday, Map.of("credence", 0.3)));

        try (Browser asMaya = Browser.open(1280, 900)) {
            WebDriver page = asMaya.driver();
            String web = signIn(asMaya, "maya");
            page.get(web + "debates/" + resolvable + "/claims/" + friday);
            assertThat(page.findElements(By.id("claim-scores"))).as("no scores before the resolution").isEmpty();
            page.findElement(By.cssSelector("input[name=outcome][value=true]")).click();
            fill(page, "resolution-note", "Shipped at noon.");
            page.findElement(By.id("resolution-note")).submit();
            awaitText(page, By.id("resolution"), "Shipped at noon.");
            long resolvedAt = Long.parseLong(page.getCurrentUrl().replaceAll(".*[?&]minSequence=(\\d+).*", "$1"));

            JsonNode scores = ok(ledger.queries().get(debatePath + "/claims/" + friday + "/scores")).get("participants");
            List<WebElement> rows = page.findElements(By.cssSelector("#claim-scores tbody tr"));
            assertThat(rows).hasSize(scores.size());
            for (int i = 0; i < scores.size(); i++) {
                WebElement row = rows.get(i);
                JsonNode expected = scores.get(i);
                assertThat(row.getAttribute("data-participant")).isEqualTo(expected.get("participantId").asString());
                assertThat(Double.parseDouble(row.findElement(By.cssSelector(".brier")).getText()))
                        .isCloseTo(expected.get("brier").asDouble(), org.assertj.core.data.Offset.offset(0.00005));
                assertThat(Double.parseDouble(row.findElement(By.cssSelector(".log")).getText()))
                        .isCloseTo(expected.get("log").asDouble(), org.assertj.core.data.Offset.offset(0.00005));
            }
            assertThat(asMaya.seriousAccessibilityViolations()).as("the resolved claim's page").isEmpty();
            asMaya.screenshot("claim-resolved");
            try (Browser phone = Browser.open(375, 800)) {
                phone.driver().get(base + "/web" + debatePath + "/claims/" + friday);
                assertThat(phone.scrollsHorizontally()).as("the resolved claim's page scrolls sideways at 375 px").isFalse();
            }

            page.get(web + "debates/" + resolvable);
            assertThat(page.findElement(By.id("checkpoint-tree-size")).getText()).isEqualTo(String.valueOf(resolvedAt));
            assertThat(page.findElement(By.cssSelector("pre.checkpoint-note")).getText()).contains(String.valueOf(resolvedAt));
            assertThat(page.findElement(By.linkText("Download the verifiable bundle")).getAttribute("href"))
                    .endsWith("/web/debates/" + resolvable + "/export");
            asMaya.screenshot("debate-checkpoint");
        }
    }

    @Test
    void anOrganisationsAccountSignsInWithOidcAndAClaimThatIsNoHandleSignsNobodyIn() {
        long started = System.nanoTime();
        WebDriver page = browser.driver();
        try {
            // at the service's loopback IP address: the provider accepts loopback redirect URIs on any port
            page.get(base + "/web/sign-in");
            page.findElement(By.id("oidc-sign-in")).click();
            signInAtTheProvider(page, "nora");
            awaitText(page, By.cssSelector(".signed-in"), "nora");
            assertThat(page.getCurrentUrl()).isEqualTo(base + "/web/");
            fill(page, "debate-title", "Signed in with the organisation's account");
            page.findElement(By.id("debate-title")).submit();
            awaitText(page, By.tagName("h1"), "Signed in with the organisation's account");
            assertThat(page.findElement(By.id("main")).getText()).as("opened as nora").contains("nora");

            // a new browser session (no cookie of the ledger nor of the provider): odd's preferred_username is no handle
            page.manage().deleteAllCookies();
            page.get(base + "/web/sign-in");
            page.findElement(By.id("oidc-sign-in")).click();
            signInAtTheProvider(page, "odd");
            awaitText(page, By.cssSelector("[role=alert]"), "preferred_username");
            assertThat(page.getCurrentUrl()).endsWith("/web/sign-in?error=handle");
            assertThat(page.findElements(By.cssSelector(".signed-in"))).as("nobody is signed in").isEmpty();
            page.get(base + "/web/");
            assertThat(page.findElements(By.cssSelector(".signed-in"))).as("no session kept").isEmpty();
            browser.screenshot("sign-in-oidc-refused");
        } finally {
            page.manage().deleteAllCookies();
            System.out.println("OIDC sign-in test took " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }

    @Test
    void aSignedInPersonRegistersAPasskeySignsOutAndSignsInWithIt() {
        long started = System.nanoTime();
        WebDriver page = browser.driver();
        // Chrome's virtual authenticator: a platform passkey (internal transport) that keeps its credentials (resident
        // keys, so the sign-in needs no user name) and verifies its user
        VirtualAuthenticator authenticator = ((HasVirtualAuthenticator) page).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
                .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .setHasResidentKey(true)
                .setHasUserVerification(true)
                .setIsUserVerified(true));
        try {
            // at localhost, the passkeys' relying party (as the sign-in link's host)
            String web = signIn(browser, "pia");
            page.get(web.replace("/web/", "/webauthn/register"));
            fill(page, "passkey-label", "test laptop");
            page.findElement(By.id("passkey-register")).click();
            awaitText(page, By.id("main"), "test laptop");
            assertThat(authenticator.getCredentials()).as("the passkey the authenticator keeps").hasSize(1);

            page.findElement(By.cssSelector(".signed-in form button")).click(); // the header's Sign out (POST /logout)
            new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> driver.findElements(By.cssSelector(".signed-in")).isEmpty());

            page.get(web.replace("/web/", "/web/sign-in"));
            page.findElement(By.id("passkey-sign-in")).click();
            awaitText(page, By.cssSelector(".signed-in"), "pia");
            assertThat(page.getCurrentUrl()).isEqualTo(web);
        } finally {
            ((HasVirtualAuthenticator) page).removeVirtualAuthenticator(authenticator);
            page.manage().deleteAllCookies();
            System.out.println("Passkey test took " + (System.nanoTime() - started) / 1_000_000 + " ms");
        }
    }

    /** The provider's own login form (Spring Authorization Server's), which sends the browser back to the ledger. */
    private static void signInAtTheProvider(WebDriver page, String login) {
        new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().startsWith(oidc.issuer() + "/login"));
        page.findElement(By.id("username")).sendKeys(login);
        page.findElement(By.id("password")).sendKeys(OidcProvider.PASSWORD);
        page.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(page, Duration.ofSeconds(10)).until(driver -> driver.getCurrentUrl().startsWith(base));
    }

    @Test
    void theResolutionFormSaysWhyItRefuses() {
        JsonHttp maya = ledger.commandsAs("maya");
        String debatePath = "/debates/" + created(maya.post("/debates", Map.of("title", "Does the demo run on Monday?",
                "visibility", "public")), "debateId");
        created(maya.post(debatePath + "/participants", Map.of("displayName", "Maya Okafor")), "sequence");
        String monday = created(maya.post(debatePath + "/claims", Map.of("statement", "The demo runs on Monday.")), "claimId");
        WebDriver page = browser.driver();
        try {
            String web = signIn(browser, "maya");
            String claimPage = web + debatePath.substring(1) + "/claims/" + monday;
            // resolving twice: this page still offers "Resolve" after the claim was resolved elsewhere
            page.get(claimPage);
            created(maya.post(debatePath + "/claims/" + monday + "/resolution", Map.of("outcome", true)), "sequence");
            page.findElement(By.cssSelector("input[name=outcome][value=false]")).click();
            page.findElement(By.id("resolution-note")).submit();
            awaitText(page, By.cssSelector("#resolve-heading ~ form .form-error[role=alert]"), "resolved");

            // annulling needs a note: refused beside the field, the claim stays resolved
            page.get(claimPage);
            assertThat(page.findElement(By.id("resolve-heading")).getText()).isEqualTo("Annul the resolution");
            fill(page, "resolution-note", "   ");
            page.findElement(By.id("resolution-note")).submit();
            assertRefusedBeside(page, "resolution-note");
            assertThat(page.findElement(By.id("resolution-outcome")).getText()).isEqualTo("true");
            browser.screenshot("claim-resolution-refused");
        } finally {
            page.manage().deleteAllCookies();
        }
    }

    private static WebElement acknowledgementForm(org.openqa.selenium.SearchContext page, String reasonId) {
        return page.findElement(By.cssSelector("#reason-" + reasonId + " > details.inline-form"));
    }

    /** Signs in with a link as ./ledger link makes it; returns the web view's address on the link's host. */
    private static String signIn(Browser browser, String handle) {
        Answer link = ledger.queryAdmin().post("/admin/sign-in-links", Map.of("handle", handle));
        assertThat(link.status()).as(link.toString()).isEqualTo(201);
        String url = link.body().get("url").asString();
        browser.driver().get(url);
        browser.driver().findElement(By.cssSelector("#link-sign-in button")).click();
        assertThat(browser.driver().findElement(By.cssSelector(".signed-in")).getText()).contains(handle);
        return url.substring(0, url.indexOf("/login")) + "/web/";
    }

    private static void fill(WebDriver page, String id, String text) {
        WebElement field = page.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Waits (10 s at most) for the element to show the text: the next page may still load, or a live page swap. */
    private static void awaitText(WebDriver page, By where, String text) {
        new WebDriverWait(page, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .withMessage(() -> "\"" + text + "\" in " + where + " at " + page.getCurrentUrl())
                // textContent: also text inside a closed <details> (the charts' tables)
                .until(driver -> driver.findElement(where).getDomProperty("textContent").contains(text));
    }

    /** The field is marked invalid and its message, beside it, says why. */
    private static void assertRefusedBeside(WebDriver page, String id) {
        new WebDriverWait(page, Duration.ofSeconds(10))
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .withMessage(() -> id + " marked invalid at " + page.getCurrentUrl())
                .until(driver -> "true".equals(driver.findElement(By.id(id)).getAttribute("aria-invalid")));
        WebElement field = page.findElement(By.id(id));
        assertThat(field.getAttribute("aria-invalid")).as(id + " marked invalid").isEqualTo("true");
        assertThat(field.getAttribute("aria-describedby")).isEqualTo(id + "-error");
        assertThat(page.findElement(By.id(id + "-error")).getText()).as(id + "'s message").isNotBlank();
    }

    private static List<String> pages() {
        return List.of("/web/", "/web/debates/" + debate, "/web/debates/" + debate + "/claims/" + claim,
                "/web/debates/" + debate + "/claims/" + claim + "?atSequence=" + beforeTomMoved,
                "/web/debates/" + debate + "/participants/tom");
    }

    private static JsonNode chartData() {
        return chartData(browser);
    }

    private static JsonNode chartData(Browser in) {
        String json = (String) in.script("return document.getElementById('trajectory-data').textContent");
        return JsonHttp.JSON.readTree(json);
    }

    private static JsonNode series(JsonNode chart, String key) {
        for (JsonNode series : chart.get("series")) {
            if (series.get("key").asString().equals(key)) {
                return series;
            }
        }
        throw new AssertionError("no series " + key + " in " + chart);
    }

    private static String path(String rest) {
        return "/debates/" + debate + rest;
    }

    private static String created(Answer answer, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer.body().get(field).asString();
    }

    private static JsonNode ok(Answer answer) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }
}
