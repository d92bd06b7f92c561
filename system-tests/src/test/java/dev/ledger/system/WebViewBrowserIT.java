package dev.ledger.system;

import dev.ledger.system.JsonHttp.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web view in a real browser (headless Chromium), against both services, PostgreSQL and Kafka: a public debate
 * logged through the API, as the demo does, read without signing in. Every page is checked with axe-core (no
 * serious or critical violation), at a phone's width (no horizontal scrolling) and with JavaScript off, and saved as
 * a screenshot under target/screenshots; the claim page's is also docs/images/claim-page.png.
 */
class WebViewBrowserIT {

    private static RunningLedger ledger;
    private static Browser browser;
    private static String base;
    private static String debate;
    private static String claim;
    /** The sequence right after Tom's first view (0.4), before he moved. */
    private static long beforeTomMoved;
    private static long last;

    @BeforeAll
    static void logAPublicDebate() throws Exception {
        browser = Browser.open(1280, 900); // skips (or fails, on CI) before anything starts when there is no browser
        ledger = RunningLedger.start();
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
        String echo = created(tom.post(path("/reasons"), Map.of("claimId", claim, "stance", "against",
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
        if (ledger != null) {
            ledger.close();
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
        assertThat(page.findElements(By.cssSelector(".timeline li"))).hasSize((int) last);
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
        assertThat(page.findElements(By.cssSelector("table.changes tbody tr"))).hasSize(5);

        // focusing the chart and stepping with the arrow keys tells each change's rationale and reasons
        WebElement figure = page.findElement(By.id("trajectory-chart"));
        figure.sendKeys(Keys.ARROW_RIGHT);
        assertThat(page.findElement(By.id("trajectory-detail")).getText()).contains("Tom Brandt", "first view", "Not sure it matters.");
        figure.sendKeys(Keys.ARROW_RIGHT);
        assertThat(page.findElement(By.id("trajectory-detail")).getText()).contains("Maya Okafor", "The fixes would differ.");

        Path screenshot = browser.screenshot("claim");
        Path docs = Path.of(System.getProperty("ledger.rootDirectory", ".."), "docs", "images");
        Files.createDirectories(docs);
        Files.copy(screenshot, docs.resolve("claim-page.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theAsOfSliderShowsTheClaimAsItWas() {
        WebDriver page = browser.driver();
        page.get(base + "/web/debates/" + debate + "/claims/" + claim);
        WebElement slider = page.findElement(By.id("at-sequence"));
        assertThat(slider.getAttribute("value")).isEqualTo(String.valueOf(last));
        // keyboard only: down to the sequence right after Tom's first view, then Show
        for (long at = last; at > beforeTomMoved; at--) {
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
        assertThat(chartData().get("sequence").asLong()).isEqualTo(last);
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

    private static List<String> pages() {
        return List.of("/web/", "/web/debates/" + debate, "/web/debates/" + debate + "/claims/" + claim,
                "/web/debates/" + debate + "/claims/" + claim + "?atSequence=" + beforeTomMoved,
                "/web/debates/" + debate + "/participants/tom");
    }

    private static JsonNode chartData() {
        String json = (String) browser.script("return document.getElementById('trajectory-data').textContent");
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
