package org.rpa.automation;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openqa.selenium.WebDriver;
import org.rpa.automation.browser.BrowserFactory;
import org.rpa.automation.browser.SessionPool;
import org.rpa.automation.browser.SessionView;
import org.rpa.automation.evidence.Evidence;
import org.rpa.automation.totp.TotpService;
import org.rpa.core.Orchestrator;
import org.rpa.core.OrchestratorSettings;
import org.rpa.core.analytics.Analytics;
import org.rpa.core.analytics.HealingStats;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.JobHandler;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.schedule.TaskNames;
import org.rpa.core.store.TotpLedger;
import org.rpa.core.testing.ManualOrchestrator;

/**
 * The module's entry point: the browser session pool, evidence, TOTP and the flows, installed on an
 * orchestrator in one step. Thread-safe; close it after the orchestrator.
 *
 * <pre>{@code
 * BrowserAutomation automation = BrowserAutomation.builder()
 *     .secrets(Secrets.fromDirectory(Path.of("/run/secrets"))).build();
 * Orchestrator rpa = automation.install(Orchestrator.builder().dataSource(ds));
 * rpa.start();
 * }</pre>
 *
 * <p>{@link #install(Orchestrator.Builder)} registers a handler per flow and the housekeeping,
 * builds the orchestrator and hands the automation its breakers and TOTP ledger. An automation is
 * installed once.
 */
public final class BrowserAutomation implements AutoCloseable {
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(5);

  /** The window of {@link #selfHealing()} and of the self-healing gauge: the last 24 hours. */
  public static final Duration HEALING_WINDOW = Duration.ofHours(24);

  /** The portal breakers' defaults: open at 50 % failures of the last 10 calls, for 60 s. */
  public static final BreakerOptions DEFAULT_PORTAL_BREAKER =
      BreakerOptions.custom().waitDurationInOpenState(Duration.ofSeconds(60)).build();

  /**
   * The name of the Selenium Grid's circuit breaker, registered when a grid URL is set: every new
   * browser session starts through it.
   */
  public static final String GRID_BREAKER = "browser-grid";

  /** The grid breaker's defaults: as the portals', not critical (local Chromium can take over). */
  public static final BreakerOptions DEFAULT_GRID_BREAKER =
      BreakerOptions.from(DEFAULT_PORTAL_BREAKER).displayName("Selenium Grid").build();

  /** The background task that runs {@link #runRetention()}. */
  private final Secrets secrets;

  private final String gridUrl;

  private final Clock clock;
  private final Evidence evidence;
  private final SessionPool pool;
  private volatile TotpService totp;
  private final Duration stepTimeout;
  private final Map<String, Flow> flows;
  private final PortalBreakers breakers;
  private volatile Analytics analytics;

  BrowserAutomation(BrowserAutomationBuilder builder) {
    this.secrets = builder.secrets;
    this.gridUrl = builder.gridUrl;
    this.clock = builder.clock;
    this.evidence = new Evidence(builder.evidenceDirectory, builder.clock, builder.retention);
    BrowserFactory factory =
        builder.gridUrl != null
            ? BrowserFactory.grid(toUrl(builder.gridUrl))
            : BrowserFactory.local(builder.chromium, builder.chromedriver);
    this.pool =
        new SessionPool(
            factory,
            builder.clock,
            builder.maxSessions,
            builder.idleTimeout,
            builder.reuseSessions);
    this.stepTimeout = builder.stepTimeout;
    // In registration order: a worker lists its providers and actions in it.
    this.flows = Collections.unmodifiableMap(new LinkedHashMap<>(builder.flows));
    this.breakers =
        new PortalBreakers(
            builder.portalBreaker,
            builder.secrets,
            flows.keySet().stream().map(FlowHandlers::provider).distinct().toList());
  }

  /** The name of a provider portal's circuit breaker: {@code portal-<provider>}. */
  public static String breakerName(String provider) {
    return "portal-" + provider;
  }

  public static BrowserAutomationBuilder builder() {
    return new BrowserAutomationBuilder();
  }

  /**
   * Registers a handler per flow and the housekeeping ({@link #installHousekeeping}) on {@code
   * builder}, builds the orchestrator, and uses its breakers ({@code portal-<provider>}, so health
   * shows the portals) and its TOTP ledger, where each code is spent once. Returns the built, not
   * yet started, orchestrator.
   *
   * @throws IllegalStateException if this automation is installed already
   */
  public Orchestrator install(Orchestrator.Builder builder) {
    requireNotInstalled();
    FlowHandlers.register(FlowHandlers.of(flows, this, breakers), builder);
    return installHousekeeping(builder);
  }

  /** As {@link #install(Orchestrator.Builder)}, on the testing kit's manual orchestrator. */
  public ManualOrchestrator install(ManualOrchestrator.Builder builder) {
    requireNotInstalled();
    FlowHandlers.register(FlowHandlers.of(flows, this, breakers), builder);
    housekeeping(builder);
    ManualOrchestrator orchestrator = builder.build();
    bind(orchestrator.breakers(), orchestrator.totpLedger(), orchestrator.analytics());
    return orchestrator;
  }

  /**
   * As {@link #install(Orchestrator.Builder)} without the handlers, for an orchestrator that keeps
   * evidence but leaves the flows to remote workers: evidence retention ({@link #runRetention()})
   * joins the daily {@code cleanup_old_evidence} task, the gauges {@code
   * rpa_self_healing_success_ratio} and {@code rpa_browser_sessions} join the metrics, and the
   * portal breakers show in health.
   *
   * @throws IllegalStateException if this automation is installed already
   */
  public Orchestrator installHousekeeping(Orchestrator.Builder builder) {
    housekeeping(builder);
    Orchestrator orchestrator = builder.build();
    bind(orchestrator.breakers(), orchestrator.totpLedger(), orchestrator.analytics());
    return orchestrator;
  }

  /**
   * The handlers, {@code provider.action} → handler, for a service that runs the flows without an
   * orchestrator of its own (a remote worker): the portal breakers live in a registry of this
   * automation's, and TOTP codes are not checked for reuse.
   *
   * @throws IllegalStateException if this automation is installed on an orchestrator
   */
  public Map<String, JobHandler> standaloneHandlers() {
    requireNotInstalled();
    Breakers own = new Breakers(clock);
    breakers.bind(own);
    guardGrid(own);
    return FlowHandlers.of(flows, this, breakers);
  }

  private void housekeeping(OrchestratorSettings<?> builder) {
    requireNotInstalled();
    builder.onBackgroundTask(TaskNames.CLEANUP_OLD_EVIDENCE, this::runRetention);
    builder.gauge(
        "rpa_self_healing_success_ratio",
        "Of the element steps of the last 24 hours whose first locator missed and that had another,"
            + " those a later locator found (NaN when there were none).",
        this::selfHealingRate);
    builder.gauge(
        "rpa_browser_sessions", "Browser sessions open (busy and idle).", () -> pool.list().size());
  }

  private void bind(Breakers registry, TotpLedger ledger, Analytics stored) {
    breakers.bind(registry);
    guardGrid(registry);
    this.analytics = Objects.requireNonNull(stored, "analytics");
    this.totp = new TotpService(Objects.requireNonNull(ledger, "ledger"), clock);
  }

  /** With a grid: registers its breaker ({@link #GRID_BREAKER}) and starts sessions through it. */
  private void guardGrid(Breakers registry) {
    if (gridUrl != null) {
      pool.startThrough(
          registry.breaker(
              GRID_BREAKER, BreakerOptions.from(DEFAULT_GRID_BREAKER).url(gridUrl).build()));
    }
  }

  private void requireNotInstalled() {
    if (breakers.bound()) {
      throw new IllegalStateException("BrowserAutomation is installed already");
    }
  }

  public Evidence evidence() {
    return evidence;
  }

  public SessionPool pool() {
    return pool;
  }

  /** The sessions, for {@code GET /browser-services}. */
  public List<SessionView> sessions() {
    return pool.list();
  }

  /**
   * What self-healing did in the last {@link #HEALING_WINDOW}, from the steps the orchestrator
   * stored (every executor's, across restarts); none before this automation is installed.
   */
  public HealingStats selfHealing() {
    Analytics stored = analytics;
    return stored == null ? HealingStats.NONE : stored.healing(stored.last(HEALING_WINDOW));
  }

  /**
   * The self-healing success rate of {@link #selfHealing()}, from 0 to 1, or NaN when healing was
   * not tried in the window: the gauge {@code rpa_self_healing_success_ratio}.
   */
  public double selfHealingRate() {
    return selfHealing().successRate().orElse(Double.NaN);
  }

  /**
   * One pass of housekeeping for the {@code cleanup_old_evidence} task: screenshots past retention,
   * and spent TOTP records older than a day. Returns the screenshots deleted.
   */
  public int runRetention() {
    int deleted = evidence.runRetention();
    TotpService totp = this.totp;
    if (totp != null) {
      totp.purgeBefore(clock.instant().minus(Duration.ofDays(1)));
    }
    return deleted;
  }

  /** Closes idle sessions; call it every minute or so (and from tests after moving the clock). */
  public int closeIdleSessions() {
    return pool.closeIdle();
  }

  /** Where the flows read their configuration. */
  public Secrets secrets() {
    return secrets;
  }

  TotpService totp() {
    return totp;
  }

  Steps steps(WebDriver driver, JobContext job) {
    return new Steps(driver, job, evidence, stepTimeout);
  }

  @Override
  public void close() {
    pool.close();
  }

  static java.net.URL toUrl(String url) {
    try {
      return URI.create(url).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("BROWSER_GRID_URL must be a URL, but was " + url, e);
    }
  }
}
