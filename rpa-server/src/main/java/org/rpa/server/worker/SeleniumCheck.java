package org.rpa.server.worker;

import java.util.concurrent.atomic.AtomicReference;
import org.rpa.automation.browser.SessionPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker status's {@code selenium_available}: whether a browser session really starts here.
 * Checked once, in the background at start (a browser takes a second or two), and cached; false
 * until then.
 *
 * <p>Thread-safe.
 */
public final class SeleniumCheck {
  private static final Logger LOG = LoggerFactory.getLogger(SeleniumCheck.class);
  private final AtomicReference<Boolean> available = new AtomicReference<>(false);

  private SeleniumCheck() {}

  /** A check that never starts a browser: {@code selenium_available} is false. */
  public static SeleniumCheck disabled() {
    return new SeleniumCheck();
  }

  /** Starts one session from {@code pool} in the background and records whether it worked. */
  public static SeleniumCheck start(SessionPool pool) {
    var check = new SeleniumCheck();
    var thread =
        new Thread(
            () -> {
              try (var lease = pool.acquire("selenium-check", "0")) {
                lease.driver().getTitle();
                check.available.set(true);
                LOG.info("Selenium check: a browser session started");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (RuntimeException | LinkageError e) {
                LOG.warn("Selenium check: no browser session could start: {}", e.toString());
              }
            },
            "rpa-selenium-check");
    thread.setDaemon(true);
    thread.start();
    return check;
  }

  public boolean available() {
    return available.get();
  }
}
