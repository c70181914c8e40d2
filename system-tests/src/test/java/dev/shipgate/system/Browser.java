package dev.shipgate.system;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's headless Chromium driven through its chromedriver; skips (with the reason) where they are not installed.
 * Screenshots go to {@code system-tests/target/screenshots}.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final String baseUrl;

    /** Skips the calling test class, with the reason, where no browser is installed. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver;"
                        + " .ci/run installs them)");
    }

    Browser(String baseUrl) throws IOException {
        assumeInstalled();
        this.baseUrl = baseUrl;
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync",
                "--window-size=1440,900", "--user-data-dir=" + Files.createTempDirectory("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    /** Goes to a screen; the same screen again is reloaded, as a hash that does not change re-renders nothing. */
    void open(String hash) {
        String url = baseUrl + "/" + hash;
        if (url.equals(driver.getCurrentUrl())) {
            driver.navigate().refresh();
        } else {
            driver.get(url);
        }
    }

    /** Signs out whoever was signed in (a fresh page load without the stored token), then signs in as user. */
    void signIn(String user) {
        driver.get("about:blank");
        open("#/login");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
        await(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys("shipgate-demo");
        driver.findElement(By.id("sign-in")).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.getCurrentUrl().contains("#/login")
                && !d.findElements(By.cssSelector(".who strong")).isEmpty()
                && !d.findElements(By.cssSelector("#main h1")).isEmpty());
    }

    /**
     * Opens {@code hash} signed in with {@code token} as the UI keeps one after its sign-in: for a user the test
     * made through the access API, who has no password (only the seed's demo users do).
     */
    void openWithToken(String token, String hash) {
        driver.get("about:blank");
        open("#/login");
        script("sessionStorage.setItem('shipgate.token', arguments[0])", token);
        driver.navigate().refresh(); // the app starts again, holding the token
        open(hash);
    }

    WebElement await(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * The text of the first of {@code cssSelectors} that is shown, as one look at the page: separate look-ups of
     * the match and its visibility can pair a stale match (a hidden error box) with a later state (a success shown).
     */
    String awaitAnyText(String... cssSelectors) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> (String) script("""
                for (const css of arguments[0]) {
                  const found = document.querySelector(css);
                  if (found && found.checkVisibility()) return found.innerText;
                }
                return null;""", java.util.List.of(cssSelectors)));
    }

    /** Runs {@code js} in the page (for inputs the keyboard fills differently per locale, such as a date). */
    Object script(String js, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(js, args);
    }

    void awaitText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.textToBePresentInElementLocated(by,
                text));
    }

    boolean isPresent(By by) {
        return !driver.findElements(by).isEmpty();
    }

    /** The screen at the two widths the README shows: 1440 (a laptop) and 1024 (a small window), as NAME-WIDTH.png. */
    void screenshot(String name) throws IOException {
        Dimension before = driver.manage().window().getSize();
        for (int width : new int[] {1440, 1024}) {
            driver.manage().window().setSize(new Dimension(width, 900));
            File file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(file.toPath(), SCREENSHOTS.resolve(name + "-" + width + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        driver.manage().window().setSize(before);
    }

    /**
     * Moves the focus with the Tab key alone until it is on the element, as a keyboard user would; fails when
     * {@code maxPresses} Tabs do not reach it (the element cannot be reached by keyboard, or is too far).
     */
    WebElement tabTo(By by, int maxPresses) {
        WebElement target = await(by);
        for (int i = 0; i < maxPresses; i++) {
            if (target.equals(driver.switchTo().activeElement())) {
                return target;
            }
            new Actions(driver).sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError(by + " not reached with " + maxPresses + " Tab presses");
    }

    /** Confirms the open dialog (its [data-confirm] button) and waits until it has closed. */
    void confirmDialog() {
        await(By.cssSelector("#dialog[open] [data-confirm]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.findElements(By.cssSelector("#dialog[open]"))
                .isEmpty());
    }

    @Override
    public void close() {
        driver.quit();
    }
}
