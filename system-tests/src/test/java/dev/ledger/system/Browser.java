package dev.ledger.system;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A headless Chromium for the browser tests: Debian's {@code chromium} driven through its {@code chromedriver}, both
 * named by path so Selenium Manager never looks for (or downloads) a browser or driver. Where they are not
 * installed the tests are skipped with a loud message, unless {@code LEDGER_REQUIRE_BROWSER=true} (CI sets it), which
 * makes a missing browser a failure. Also runs axe-core on a page and saves screenshots under
 * {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("LEDGER_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("LEDGER_CHROMEDRIVER", "/usr/bin/chromedriver"));
    /** The axe-core script Deque ships in its Maven artifact (com.deque.html.axe-core:selenium). */
    private static final String AXE_RESOURCE = "/axe.min.js";

    private final ChromeDriver driver;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path screenshots) {
        this.driver = driver;
        this.screenshots = screenshots;
    }

    /** A fresh browser (its own profile: no cookies) with a window of the given size, or the test is skipped. */
    static Browser open(int width, int height) {
        return open(width, height, true);
    }

    /** As {@link #open(int, int)}, with JavaScript switched off for every page (the test's own scripts still run). */
    static Browser openWithoutJavaScript(int width, int height) {
        return open(width, height, false);
    }

    private static Browser open(int width, int height, boolean javaScript) {
        requireInstalled();
        // never let Selenium Manager reach out, whatever happens below
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=" + width + "," + height,
                "--disable-extensions", "--no-first-run", "--disable-background-networking", "--disable-sync",
                "--disable-component-update", "--disable-default-apps", "--lang=en-GB");
        if (!javaScript) {
            options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("SE_OFFLINE", "true"))
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().window().setSize(new Dimension(width, height));
        return new Browser(driver, Path.of(System.getProperty("ledger.screenshots", "target/screenshots")));
    }

    private static void requireInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (installed) {
            return;
        }
        String message = "\n\n*** The browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver. They are SKIPPED here. ***\n";
        if (Boolean.parseBoolean(System.getenv("LEDGER_REQUIRE_BROWSER"))) {
            throw new IllegalStateException(message + "LEDGER_REQUIRE_BROWSER=true: failing instead of skipping.");
        }
        System.err.println(message);
        Assumptions.abort(message);
    }

    WebDriver driver() {
        return driver;
    }

    Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** Saves a screenshot of the whole page (the window stretched to the page's height) as NAME.png. */
    Path screenshot(String name) {
        Dimension window = driver.manage().window().getSize();
        long height = ((Number) script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")).longValue();
        try {
            driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(Math.max(height + 40, window.getHeight()), 6000)));
            script("window.scrollTo(0, 0)");
            byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
            Files.createDirectories(screenshots);
            Path file = screenshots.resolve(name + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    /**
     * The page's accessibility violations of impact serious or critical (axe-core, WCAG 2.x A and AA rules), each as
     * "rule: help (selectors)"; empty when there are none.
     */
    @SuppressWarnings("unchecked")
    List<String> seriousAccessibilityViolations() {
        script(axeScript());
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(results => done(results.violations
                      .filter(v => v.impact === 'serious' || v.impact === 'critical')
                      .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                          + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));""");
        return (List<String>) result;
    }

    /** Whether the page is wider than the window (a horizontal scroll bar). */
    boolean scrollsHorizontally() {
        return (Boolean) script("return document.documentElement.scrollWidth > document.documentElement.clientWidth");
    }

    private static String axeScript() {
        try (InputStream in = Browser.class.getResourceAsStream(AXE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("axe-core's " + AXE_RESOURCE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
