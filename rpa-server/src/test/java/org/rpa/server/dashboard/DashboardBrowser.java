package org.rpa.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.rpa.automation.browser.BrowserFactory;
import org.rpa.automation.browser.SessionPool;

/**
 * A real headless Chromium (Debian's, through chromedriver, started by rpa-automation's own {@link
 * BrowserFactory} with the flags this machine needs) looking at the dashboard at 1280×800, with the
 * waits and screenshots the browser tests share. One per test class; not thread-safe.
 */
final class DashboardBrowser implements AutoCloseable {
  static final Dimension SIZE = new Dimension(1280, 800);
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private final SessionPool pool;
  private final SessionPool.Lease lease;
  final WebDriver driver;

  DashboardBrowser() {
    pool =
        new SessionPool(
            BrowserFactory.local(
                BrowserFactory.DEFAULT_CHROMIUM, BrowserFactory.DEFAULT_CHROMEDRIVER),
            Clock.systemUTC(),
            1,
            Duration.ofHours(1));
    try {
      lease = pool.acquire("dashboard-tests", "browser");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    driver = lease.driver();
    fitViewport();
  }

  /** Sizes the window so that the page itself (the viewport) is 1280×800. */
  private void fitViewport() {
    driver.manage().window().setSize(SIZE);
    driver.get("about:blank");
    long width = ((Number) script("return window.innerWidth")).longValue();
    long height = ((Number) script("return window.innerHeight")).longValue();
    driver
        .manage()
        .window()
        .setSize(
            new Dimension(
                (int) (2L * SIZE.getWidth() - width), (int) (2L * SIZE.getHeight() - height)));
  }

  /** Opens the dashboard of {@code base} at {@code hash} ({@code #/jobs}), a new page load. */
  void open(String base, String hash) {
    driver.get(base + "/dashboard" + hash);
  }

  /** Goes to {@code hash} inside the page already loaded: no reload. */
  void go(String hash) {
    script("location.hash = arguments[0]", hash);
  }

  /** Logs in through the form and waits for the pages' navigation. */
  void login(String base, String user, String password) {
    open(base, "#/overview");
    script("sessionStorage.clear()");
    driver.navigate().refresh();
    WebElement name = await("the login form", () -> visible(By.id("username")));
    name.clear();
    name.sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    click(By.id("login-submit"));
    await("the navigation after login", () -> visible(By.id("nav")));
  }

  /** Waits until {@code condition} gives something other than null or false; returns it. */
  <T> T await(String what, Supplier<T> condition) {
    return await(what, condition, false);
  }

  /** As {@link #await(String, Supplier)}, taking false as an answer when {@code falseCounts}. */
  private <T> T await(String what, Supplier<T> condition, boolean falseCounts) {
    long deadline = System.nanoTime() + DEADLINE.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() - deadline < 0) {
      try {
        T value = condition.get();
        if (value != null && (falseCounts || !Boolean.FALSE.equals(value))) {
          return value;
        }
      } catch (WebDriverException e) {
        // the element was replaced by a refresh between finding and reading it: look again
        last = e;
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    throw new AssertionError(
        "timed out waiting for " + what + " on " + driver.getCurrentUrl(), last);
  }

  /** The element if it is there and shown, else null. */
  WebElement visible(By by) {
    List<WebElement> found = driver.findElements(by);
    return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
  }

  /**
   * The text of the element {@code by} once it is shown. Pages re-render their parts on live
   * updates, so an element found a moment ago may be gone: this looks again rather than failing.
   */
  String text(By by) {
    return await(
        "the text of " + by,
        () -> {
          WebElement element = visible(by);
          return element == null ? null : element.getText();
        });
  }

  /** Whether the element {@code by} is enabled, looking again if a re-render replaced it. */
  boolean enabled(By by) {
    return await(
        "the state of " + by,
        () -> {
          List<WebElement> found = driver.findElements(by);
          return found.isEmpty() ? null : Boolean.valueOf(found.get(0).isEnabled());
        },
        true);
  }

  /** Clicks the shown element {@code by}, looking again if a re-render replaced it. */
  void click(By by) {
    await(
        "a click on " + by,
        () -> {
          WebElement element = visible(by);
          if (element == null) {
            return false;
          }
          element.click();
          return true;
        });
  }

  /** The element's text once it contains {@code expected}. */
  String awaitText(By by, String expected) {
    return await(
        "'" + expected + "' in " + by,
        () -> {
          WebElement element = visible(by);
          return element != null && element.getText().contains(expected) ? element.getText() : null;
        });
  }

  Object script(String code, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(code, arguments);
  }

  /** A PNG of the whole window, 1280×800, saved to {@code target/dashboard/<name>.png}. */
  byte[] screenshot(String name) {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    try {
      Path file = Path.of("target", "dashboard", name + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, png);
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
      assertThat(image.getWidth()).as("screenshot width").isEqualTo(SIZE.getWidth());
      assertThat(image.getHeight()).as("screenshot height").isEqualTo(SIZE.getHeight());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png;
  }

  /** The console lines since the last call that report a Content-Security-Policy violation. */
  List<String> policyViolations() {
    List<String> lines = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      String text = entry.getMessage();
      if (text.contains("Content Security Policy") || text.contains("Refused to")) {
        lines.add(text);
      }
    }
    return lines;
  }

  @Override
  public void close() {
    lease.close();
    pool.close();
  }
}
