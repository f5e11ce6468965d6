package org.rpa.automation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.rpa.automation.browser.BrowserFactory;
import org.rpa.automation.browser.SessionPool;
import org.rpa.automation.evidence.Evidence;
import org.rpa.automation.flows.ProviderFlows;
import org.rpa.core.resilience.BreakerOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BrowserAutomation}'s settings, from {@link BrowserAutomation#builder()}; {@link
 * #fromEnvironment} reads the documented variables. Not thread-safe.
 */
public final class BrowserAutomationBuilder {
  private static final Logger LOG = LoggerFactory.getLogger(BrowserAutomationBuilder.class);

  Secrets secrets = Secrets.fromEnvironment();
  Clock clock = Clock.systemUTC();
  Path evidenceDirectory = Path.of("evidence");
  Duration retention = Evidence.DEFAULT_RETENTION;
  Path chromium = BrowserFactory.DEFAULT_CHROMIUM;
  Path chromedriver = BrowserFactory.DEFAULT_CHROMEDRIVER;
  String gridUrl;
  int maxSessions = SessionPool.DEFAULT_MAX_SESSIONS;
  Duration idleTimeout = SessionPool.DEFAULT_IDLE_TIMEOUT;
  Duration stepTimeout = BrowserAutomation.DEFAULT_STEP_TIMEOUT;
  BreakerOptions portalBreaker = BrowserAutomation.DEFAULT_PORTAL_BREAKER;
  boolean reuseSessions = true;
  final Map<String, Flow> flows = new LinkedHashMap<>(ProviderFlows.all());

  BrowserAutomationBuilder() {}

  /** Reads BROWSER_GRID_URL, BROWSER_IDLE_TIMEOUT (minutes), SCREENSHOT_RETENTION_DAYS. */
  public BrowserAutomationBuilder fromEnvironment() {
    secrets.find("BROWSER_GRID_URL").ifPresent(this::gridUrl);
    secrets
        .find("BROWSER_IDLE_TIMEOUT")
        .ifPresent(v -> idleTimeout(Duration.ofMinutes(Long.parseLong(v))));
    secrets
        .find("SCREENSHOT_RETENTION_DAYS")
        .ifPresent(v -> retention(Duration.ofDays(Long.parseLong(v))));
    return this;
  }

  public BrowserAutomationBuilder secrets(Secrets secrets) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    return this;
  }

  public BrowserAutomationBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  public BrowserAutomationBuilder evidenceDirectory(Path directory) {
    this.evidenceDirectory = Objects.requireNonNull(directory, "directory");
    return this;
  }

  public BrowserAutomationBuilder retention(Duration retention) {
    this.retention = Objects.requireNonNull(retention, "retention");
    return this;
  }

  public BrowserAutomationBuilder browser(Path chromium, Path chromedriver) {
    this.chromium = Objects.requireNonNull(chromium, "chromium");
    this.chromedriver = Objects.requireNonNull(chromedriver, "chromedriver");
    return this;
  }

  public BrowserAutomationBuilder gridUrl(String gridUrl) {
    this.gridUrl = Objects.requireNonNull(gridUrl, "gridUrl");
    return this;
  }

  public BrowserAutomationBuilder maxSessions(int maxSessions) {
    this.maxSessions = maxSessions;
    return this;
  }

  public BrowserAutomationBuilder idleTimeout(Duration idleTimeout) {
    this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
    return this;
  }

  public BrowserAutomationBuilder stepTimeout(Duration stepTimeout) {
    this.stepTimeout = Objects.requireNonNull(stepTimeout, "stepTimeout");
    return this;
  }

  /**
   * False starts a fresh browser for every job and closes it after (default true: warm sessions are
   * reused, cleared between jobs).
   */
  public BrowserAutomationBuilder reuseSessions(boolean reuse) {
    this.reuseSessions = reuse;
    return this;
  }

  /** How each portal's circuit breaker is tuned (its name and url are set per portal). */
  public BrowserAutomationBuilder portalBreaker(BreakerOptions options) {
    this.portalBreaker = Objects.requireNonNull(options, "options");
    return this;
  }

  /** Adds or replaces the flow for {@code provider} and {@code action}. */
  public BrowserAutomationBuilder flow(String provider, String action, Flow flow) {
    flows.put(provider + "." + action, Objects.requireNonNull(flow, "flow"));
    return this;
  }

  public BrowserAutomation build() {
    BrowserAutomation automation = new BrowserAutomation(this);
    LOG.info(
        "BrowserAutomation: flows={}, browser={}, maxSessions={}, reuseSessions={}, idleTimeout={},"
            + " evidence={}, retention={}",
        flows.keySet(),
        gridUrl == null ? "local " + chromium : "grid " + gridUrl,
        maxSessions,
        reuseSessions,
        idleTimeout,
        evidenceDirectory.toAbsolutePath(),
        retention);
    return automation;
  }
}
