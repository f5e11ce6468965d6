package org.rpa.automation.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Starts browsers: local headless Chromium through chromedriver with explicit paths (Selenium
 * Manager never runs), or a session on a Selenium Grid. Each local browser gets a fresh profile
 * directory, deleted when it closes. Thread-safe.
 */
public final class BrowserFactory {
  public static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path DEFAULT_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  /**
   * Chromium's flags: headless, no first-run, sync, component updates or background networking, no
   * extensions, and no back-forward cache (a job never goes back, and a page kept alive in it makes
   * each navigation away from it, the pool's {@code about:blank} between jobs too, start another
   * renderer).
   */
  static final List<String> FLAGS =
      List.of(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--disable-extensions",
          "--disable-back-forward-cache",
          "--window-size=1280,900");

  private final Path chromium;
  private final Path chromedriver;
  private final URL gridUrl;

  private BrowserFactory(Path chromium, Path chromedriver, URL gridUrl) {
    this.chromium = chromium;
    this.chromedriver = chromedriver;
    this.gridUrl = gridUrl;
  }

  /** Local Chromium with these binaries. */
  public static BrowserFactory local(Path chromium, Path chromedriver) {
    return new BrowserFactory(
        Objects.requireNonNull(chromium, "chromium"),
        Objects.requireNonNull(chromedriver, "chromedriver"),
        null);
  }

  /** Sessions on the Selenium Grid at {@code gridUrl}. */
  public static BrowserFactory grid(URL gridUrl) {
    return new BrowserFactory(null, null, Objects.requireNonNull(gridUrl, "gridUrl"));
  }

  /** {@code local} or {@code grid}. */
  public String kind() {
    return gridUrl == null ? "local" : "grid";
  }

  /** Starts one browser. */
  Browser start() {
    if (gridUrl != null) {
      ChromeOptions options = new ChromeOptions().addArguments(FLAGS);
      return new Browser(new RemoteWebDriver(gridUrl, options), null);
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("rpa-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(FLAGS);
    options.addArguments("--user-data-dir=" + profile);
    ChromeDriverService service = null;
    try {
      service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(chromedriver.toFile())
              .usingAnyFreePort()
              .build();
      return new Browser(new ChromeDriver(service, options), profile);
    } catch (RuntimeException e) {
      // A missing or broken chromedriver fails the build above: the profile goes all the same.
      if (service != null) {
        service.stop();
      }
      Browser.deleteProfile(profile);
      throw e;
    }
  }

  /** A started browser and its profile directory (null on a grid). */
  record Browser(WebDriver driver, Path profile) {
    void quit() {
      try {
        driver.quit();
      } catch (RuntimeException ignored) {
        // a crashed browser cannot be quit; its profile is removed below all the same
      } finally {
        deleteProfile(profile);
      }
    }

    static void deleteProfile(Path profile) {
      if (profile == null) {
        return;
      }
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException | UncheckedIOException ignored) {
        // best effort: a temp directory
      }
    }
  }
}
