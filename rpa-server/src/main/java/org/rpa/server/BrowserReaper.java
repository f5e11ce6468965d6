package org.rpa.server;

import java.time.Duration;
import java.util.Objects;
import org.rpa.automation.BrowserAutomation;
import org.rpa.core.supervise.SupervisedLoop;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The browser reaper: every minute, under the orchestrator's supervisor, closes browser sessions
 * idle for longer than {@code BROWSER_IDLE_TIMEOUT}. A failed pass is logged and the next one tries
 * again; it never crashes the loop.
 *
 * <p>Thread-safe.
 */
final class BrowserReaper implements SupervisedLoop {
  static final String NAME = "browser_reaper";
  static final Duration INTERVAL = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(BrowserReaper.class);

  private final BrowserAutomation automation;

  BrowserReaper(BrowserAutomation automation) {
    this.automation = Objects.requireNonNull(automation, "automation");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void runOnce() {
    try {
      int closed = automation.closeIdleSessions();
      if (closed > 0) {
        LOG.info("Closed {} idle browser session(s)", closed);
      }
    } catch (RuntimeException e) {
      LOG.warn("Closing idle browser sessions failed; trying again in {}", INTERVAL, e);
    }
  }

  @Override
  public Duration pollInterval() {
    return INTERVAL;
  }
}
