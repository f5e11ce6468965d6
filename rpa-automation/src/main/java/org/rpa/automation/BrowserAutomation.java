package org.rpa.automation;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.openqa.selenium.WebDriver;
import org.rpa.automation.browser.BrowserFactory;
import org.rpa.automation.browser.SessionPool;
import org.rpa.automation.browser.SessionView;
import org.rpa.automation.evidence.Evidence;
import org.rpa.automation.flows.ProviderFlows;
import org.rpa.automation.totp.TotpService;
import org.rpa.core.Orchestrator;
import org.rpa.core.OrchestratorSettings;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.JobHandler;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.resilience.Breakers;
import org.rpa.core.store.TotpLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The module's entry point: the browser session pool, evidence, TOTP and the flows, turned into
 * {@link JobHandler}s to register on an orchestrator. Thread-safe; close it after the orchestrator.
 *
 * <pre>{@code
 * BrowserAutomation automation = BrowserAutomation.builder()
 *     .secrets(Secrets.fromDirectory(Path.of("/run/secrets"))).build();
 * Orchestrator rpa = automation.register(Orchestrator.builder().dataSource(ds)).build();
 * automation.bind(rpa);
 * rpa.start();
 * }</pre>
 */
public final class BrowserAutomation implements AutoCloseable {
  public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofSeconds(5);

  /** The portal breakers' defaults: open at 50 % failures of the last 10 calls, for 60 s. */
  public static final BreakerOptions DEFAULT_PORTAL_BREAKER =
      BreakerOptions.custom().waitDurationInOpenState(Duration.ofSeconds(60)).build();

  private static final String CLEANUP_TASK = "cleanup_old_evidence";
  private static final Logger log = LoggerFactory.getLogger(BrowserAutomation.class);

  private final Secrets secrets;
  private final Clock clock;
  private final Evidence evidence;
  private final SessionPool pool;
  private volatile TotpService totp;
  private final Duration stepTimeout;
  private final Map<String, Flow> flows;
  private final AtomicReference<Breakers> breakers;
  private final AtomicLong healed = new AtomicLong();
  private final AtomicLong unhealed = new AtomicLong();
  private final BreakerOptions portalBreaker;
  private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

  private BrowserAutomation(Builder builder) {
    this.secrets = builder.secrets;
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
    this.flows = Map.copyOf(builder.flows);
    this.portalBreaker = builder.portalBreaker;
    this.breakers = new AtomicReference<>();
    bind(new Breakers(builder.clock));
  }

  /** The name of a provider portal's circuit breaker: {@code portal-<provider>}. */
  public static String breakerName(String provider) {
    return "portal-" + provider;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The handlers, {@code provider.action} → handler, one per flow. */
  public Map<String, JobHandler> handlers() {
    Map<String, JobHandler> handlers = new LinkedHashMap<>();
    flows.forEach(
        (type, flow) -> {
          String[] parts = type.split("\\.", 2);
          handlers.put(type, new FlowHandler(parts[0], parts[1], flow, this, breakers::get));
        });
    return handlers;
  }

  /**
   * Registers every flow's handler on {@code builder} and everything {@link #attach} adds; returns
   * the builder. Works for {@code Orchestrator.builder()} and the testing kit's {@code
   * ManualOrchestrator.builder()}.
   */
  public <B extends OrchestratorSettings<B>> B register(B builder) {
    handlers()
        .forEach(
            (type, handler) -> {
              String[] parts = type.split("\\.", 2);
              builder.handler(parts[0], parts[1], handler);
            });
    return attach(builder);
  }

  /**
   * Adds the housekeeping without the handlers, for an orchestrator that keeps evidence but runs no
   * flows itself: evidence retention ({@link #runRetention()}) joins the daily {@code
   * cleanup_old_evidence} task, and the gauges {@code rpa_self_healing_success_ratio} and {@code
   * rpa_browser_sessions} join the metrics.
   */
  public <B extends OrchestratorSettings<B>> B attach(B builder) {
    builder.onBackgroundTask(CLEANUP_TASK, this::runRetention);
    builder.gauge(
        "rpa_self_healing_success_ratio",
        "Element steps whose first locator missed and a later one worked, over all such steps.",
        this::selfHealingRate);
    builder.gauge(
        "rpa_browser_sessions", "Browser sessions open (busy and idle).", () -> pool.list().size());
    return builder;
  }

  /**
   * Uses the orchestrator's breakers ({@code portal-<provider>}), so health shows the portals, and
   * its TOTP ledger, where each code is spent once.
   */
  public BrowserAutomation bind(Orchestrator orchestrator) {
    return bind(orchestrator.breakers(), orchestrator.totpLedger());
  }

  /**
   * Uses {@code registry} for the portal breakers, as {@link #bind(Breakers)}, and {@code ledger}
   * for the single-use TOTP codes: a manual orchestrator's.
   */
  public BrowserAutomation bind(Breakers registry, TotpLedger ledger) {
    Objects.requireNonNull(ledger, "ledger");
    bind(registry);
    this.totp = new TotpService(ledger, clock);
    return this;
  }

  /**
   * Uses {@code registry} for the portal breakers ({@code portal-<provider>}, registered here with
   * the builder's {@code portalBreaker} options), such as a manual orchestrator's.
   */
  public BrowserAutomation bind(Breakers registry) {
    Objects.requireNonNull(registry, "registry");
    for (String type : flows.keySet()) {
      String provider = type.split("\\.", 2)[0];
      BreakerOptions options =
          BreakerOptions.from(portalBreaker)
              .displayName(provider + " portal")
              .url(secrets.find(ProviderFlows.urlVariable(provider)).orElse(null))
              .build();
      registry.breaker(breakerName(provider), options);
    }
    registry.addListener(
        change -> {
          if (change.to().equals("open")) {
            openedAt.put(change.name(), change.at());
          }
        });
    breakers.set(registry);
    return this;
  }

  /**
   * While {@code breaker} is open: the instant its open wait ends (when a call may probe it); empty
   * when it is not open, or the wait is over.
   */
  Optional<Instant> portalOpenUntil(CircuitBreaker breaker, Instant now) {
    if (breaker.getState() != CircuitBreaker.State.OPEN) {
      return Optional.empty();
    }
    Duration wait = portalBreaker.waitDurationInOpenState();
    Instant opened = openedAt.getOrDefault(breaker.getName(), now);
    // resilience4j lets a probe through strictly after the wait.
    Instant until = opened.plus(wait).plusMillis(1);
    return until.isAfter(now) ? Optional.of(until) : Optional.empty();
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

  /** Self-healing so far; {@link SelfHealing#rate()} is the success rate the metrics expose. */
  public SelfHealing selfHealing() {
    return new SelfHealing(healed.get(), unhealed.get());
  }

  /** The self-healing success rate, from 0 to 1. */
  public double selfHealingRate() {
    return selfHealing().rate();
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

  Secrets secrets() {
    return secrets;
  }

  TotpService totp() {
    return totp;
  }

  Steps steps(WebDriver driver, JobContext job) {
    return new Steps(driver, job, evidence, stepTimeout, healed, unhealed);
  }

  @Override
  public void close() {
    pool.close();
  }

  private static java.net.URL toUrl(String url) {
    try {
      return URI.create(url).toURL();
    } catch (MalformedURLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("BROWSER_GRID_URL must be a URL, but was " + url, e);
    }
  }

  /**
   * Settings; {@link #fromEnvironment} reads the portal variables (`METROFIBER_URL`, …). Not
   * thread-safe.
   */
  public static final class Builder {
    private Secrets secrets = Secrets.fromEnvironment();
    private Clock clock = Clock.systemUTC();
    private Path evidenceDirectory = Path.of("evidence");
    private Duration retention = Evidence.DEFAULT_RETENTION;
    private Path chromium = BrowserFactory.DEFAULT_CHROMIUM;
    private Path chromedriver = BrowserFactory.DEFAULT_CHROMEDRIVER;
    private String gridUrl;
    private int maxSessions = SessionPool.DEFAULT_MAX_SESSIONS;
    private Duration idleTimeout = SessionPool.DEFAULT_IDLE_TIMEOUT;
    private Duration stepTimeout = DEFAULT_STEP_TIMEOUT;
    private BreakerOptions portalBreaker = DEFAULT_PORTAL_BREAKER;
    private boolean reuseSessions = true;
    private final Map<String, Flow> flows = new LinkedHashMap<>(ProviderFlows.all());

    private Builder() {}

    /** Reads BROWSER_GRID_URL, BROWSER_IDLE_TIMEOUT (minutes), SCREENSHOT_RETENTION_DAYS. */
    public Builder fromEnvironment() {
      secrets.find("BROWSER_GRID_URL").ifPresent(this::gridUrl);
      secrets
          .find("BROWSER_IDLE_TIMEOUT")
          .ifPresent(v -> idleTimeout(Duration.ofMinutes(Long.parseLong(v))));
      secrets
          .find("SCREENSHOT_RETENTION_DAYS")
          .ifPresent(v -> retention(Duration.ofDays(Long.parseLong(v))));
      return this;
    }

    public Builder secrets(Secrets secrets) {
      this.secrets = Objects.requireNonNull(secrets, "secrets");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder evidenceDirectory(Path directory) {
      this.evidenceDirectory = Objects.requireNonNull(directory, "directory");
      return this;
    }

    public Builder retention(Duration retention) {
      this.retention = Objects.requireNonNull(retention, "retention");
      return this;
    }

    public Builder browser(Path chromium, Path chromedriver) {
      this.chromium = Objects.requireNonNull(chromium, "chromium");
      this.chromedriver = Objects.requireNonNull(chromedriver, "chromedriver");
      return this;
    }

    public Builder gridUrl(String gridUrl) {
      this.gridUrl = Objects.requireNonNull(gridUrl, "gridUrl");
      return this;
    }

    public Builder maxSessions(int maxSessions) {
      this.maxSessions = maxSessions;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
      return this;
    }

    public Builder stepTimeout(Duration stepTimeout) {
      this.stepTimeout = Objects.requireNonNull(stepTimeout, "stepTimeout");
      return this;
    }

    /**
     * False starts a fresh browser for every job and closes it after (default true: warm sessions
     * are reused, cleared between jobs).
     */
    public Builder reuseSessions(boolean reuse) {
      this.reuseSessions = reuse;
      return this;
    }

    /** How each portal's circuit breaker is tuned (its name and url are set per portal). */
    public Builder portalBreaker(BreakerOptions options) {
      this.portalBreaker = Objects.requireNonNull(options, "options");
      return this;
    }

    /** Adds or replaces the flow for {@code provider} and {@code action}. */
    public Builder flow(String provider, String action, Flow flow) {
      flows.put(provider + "." + action, Objects.requireNonNull(flow, "flow"));
      return this;
    }

    public BrowserAutomation build() {
      BrowserAutomation automation = new BrowserAutomation(this);
      log.info(
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
}
