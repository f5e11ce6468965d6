package org.rpa.server;

import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.rpa.automation.BrowserAutomation;
import org.rpa.automation.BrowserAutomationBuilder;
import org.rpa.automation.Secrets;
import org.rpa.core.Orchestrator;
import org.rpa.core.schedule.TaskNames;
import org.rpa.core.store.Databases;
import org.rpa.server.http.Drain;
import org.rpa.server.http.HttpApp;
import org.rpa.server.http.ServerContext;
import org.rpa.server.http.ServerMeters;
import org.rpa.server.security.PasswordHasher;
import org.rpa.server.security.Role;
import org.rpa.server.security.Users;
import org.rpa.server.worker.CallbackCredentials;
import org.rpa.server.worker.WorkerMain;
import org.rpa.server.ws.LiveStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone orchestrator: {@code java -jar rpa-server.jar}. Reads its {@link ServerConfig}
 * from the environment and {@code SECRETS_DIR}, refuses to start on a bad value (naming each), runs
 * an {@link Orchestrator} with its in-process worker and the {@link BrowserAutomation} flows,
 * serves the HTTP API, and stops everything cleanly on SIGTERM.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class RpaServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpaServer.class);

  /**
   * The documented providers and actions, accepted as job types; the browser automations register a
   * handler for each.
   */
  public static final List<String> PROVIDERS = List.of("mfn", "osn", "octotel", "evotel");

  public static final List<String> ACTIONS = List.of("validation", "cancellation");

  static final int DATABASE_POOL_SIZE = 10;

  private final ServerConfig config;
  private final Orchestrator orchestrator;
  private final BrowserAutomation automation;
  private final AutoCloseable dataSource;
  private final ServerMeters meters;
  private final ProviderPortals portals;
  private final AutoCloseable demoPortals;
  private final LiveStreams streams;
  private final Drain drain;
  private final Javalin http;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RpaServer(
      ServerConfig config,
      Orchestrator orchestrator,
      BrowserAutomation automation,
      AutoCloseable dataSource,
      ServerMeters meters,
      ProviderPortals portals,
      AutoCloseable demoPortals,
      LiveStreams streams,
      Drain drain,
      Javalin http) {
    this.config = config;
    this.orchestrator = orchestrator;
    this.automation = automation;
    this.dataSource = dataSource;
    this.meters = meters;
    this.portals = portals;
    this.demoPortals = demoPortals;
    this.streams = streams;
    this.drain = drain;
    this.http = http;
  }

  /**
   * {@code java -jar rpa-server.jar [worker] [--help | --version]}: see {@link CommandLine}. Exits
   * 0 after printing the help or the version, 2 on an unknown argument or a bad configuration, 1
   * when start-up fails (database unreachable, port taken, …), each with one line that says why.
   */
  public static void main(String[] args) {
    CommandLine command = CommandLine.parse(args);
    switch (command.mode()) {
      case HELP -> {
        System.out.print(CommandLine.USAGE);
        System.exit(0);
      }
      case VERSION -> {
        System.out.println("rpa-server " + version());
        System.exit(0);
      }
      case INVALID -> {
        System.err.println("rpa-server: " + command.error());
        System.err.print(CommandLine.USAGE);
        System.exit(2);
      }
      case WORKER -> {
        try {
          WorkerMain.run(System.getenv());
        } catch (RuntimeException e) {
          cannotStart("rpa-server worker", e, null);
        }
        return;
      }
      case ORCHESTRATOR -> {}
    }
    ServerConfig config;
    WorkerConfig workers;
    try {
      config = ServerConfig.fromEnvironment(System.getenv());
      workers = WorkerConfig.fromEnvironment(System.getenv());
      workers.requireTokenForWorkers();
    } catch (IllegalArgumentException e) {
      System.err.println("rpa-server cannot start. " + e.getMessage());
      System.exit(2);
      return;
    }
    RpaServer server;
    try {
      server = start(config, workers, Clock.systemUTC(), new Users(new PasswordHasher()));
    } catch (RuntimeException e) {
      cannotStart("rpa-server", e, config);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rpa-server-shutdown"));
  }

  /** One line on stderr that says why, the stack trace at DEBUG only, and exit status 1. */
  private static void cannotStart(String who, RuntimeException e, ServerConfig config) {
    System.err.println(who + " cannot start: " + StartupFailure.describe(e, config));
    LOG.debug("Start-up failed", e);
    System.exit(1);
  }

  /**
   * Opens the database, builds the browser automations (browsers start lazily, on the first job
   * that needs one), starts the orchestrator with their handlers, then the HTTP API on the
   * configured host and port. In {@code DEVELOPMENT_MODE}, the providers whose portal URL is not
   * configured get demo portals first: the sandbox portals on a free loopback port, which {@link
   * #close()} stops ({@link ProviderPortals}). The configured admin and {@code RPA_USERS} are added
   * to {@code users}. {@code workers} is read from the same environment as {@code config}: the
   * remote workers jobs are sent to, and the token their callbacks carry.
   *
   * @throws org.rpa.core.StoreException if the database cannot be opened or migrated
   */
  public static RpaServer start(
      ServerConfig config, WorkerConfig workers, Clock clock, Users users) {
    return start(config, workers, clock, users, builder -> {});
  }

  /**
   * As {@link #start(ServerConfig, WorkerConfig, Clock, Users)}, with {@code extra} applied to the
   * orchestrator's builder before it is built: for tests, which add in-process handlers of job
   * types that need no browser.
   */
  static RpaServer start(
      ServerConfig config,
      WorkerConfig workers,
      Clock clock,
      Users users,
      Consumer<Orchestrator.Builder> extra) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(workers, "workers");
    Objects.requireNonNull(clock, "clock");
    users.add(config.adminUsername(), config.adminPassword(), Role.ADMIN);
    config.users().forEach(users::add);
    if (config.developmentMode()) {
      LOG.warn("DEVELOPMENT_MODE is on: default credentials and short JWT secrets are accepted");
    }
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      Secrets configured =
          config.secretsDirectory() == null
              ? Secrets.fromEnvironment()
              : Secrets.fromDirectory(config.secretsDirectory());
      List<String> unconfigured = ProviderPortals.unconfigured(configured, PROVIDERS);
      ProviderPortals portals = ProviderPortals.configured(configured);
      AutoCloseable demoPortals = () -> {};
      if (config.developmentMode() && !unconfigured.isEmpty()) {
        // The only reference to the sandbox: outside development mode none of it is loaded.
        DemoPortals demo = DemoPortals.start(unconfigured, clock);
        opened.add(demo);
        demoPortals = demo;
        portals = new ProviderPortals(configured, demo.urls(), demo.variables());
      }
      ServerMeters meters = new ServerMeters(clock);
      opened.add(meters);
      HikariDataSource dataSource =
          Databases.pool(closedByServer(config.databaseUrl()), DATABASE_POOL_SIZE);
      opened.add(dataSource);
      meters.bindPool(dataSource);
      BrowserAutomation automation = automation(config, portals.secrets(), clock);
      opened.add(automation);
      Orchestrator.Builder builder =
          Orchestrator.builder()
              .dataSource(dataSource)
              .clock(clock)
              .concurrency(Math.max(1, config.maxWorkers()))
              .pollInterval(config.pollInterval())
              .metricsRetention(Duration.ofDays(config.metricsRetentionDays()))
              .serviceProbeInterval(config.healthProbeInterval())
              .alerts(config.alerts())
              .shutdownTimeout(config.shutdownTimeout())
              .meterRegistry(meters.registry())
              // The live streams show what the other instances on the database do too.
              .shareEvents(true);
      WorkerMain.configure(builder, workers, CallbackCredentials.derivedFrom(config.jwtSecret()));
      for (String provider : PROVIDERS) {
        for (String action : ACTIONS) {
          builder.jobType(provider, action);
        }
      }
      if (!config.runsJobs()) {
        LOG.info("MAX_WORKERS is 0: jobs are queued here and run by remote workers");
      }
      extra.accept(builder);
      Orchestrator orchestrator =
          config.runsJobs() ? automation.install(builder) : automation.installHousekeeping(builder);
      opened.add(orchestrator);
      meters.bindOrchestrator(orchestrator, automation, version());
      orchestrator.supervisor().register(new BrowserReaper(automation));
      AlertGauges.register(orchestrator);
      DownstreamServices.register(orchestrator, config, workers);
      orchestrator.start();
      // The first point of /metrics' history now, not five minutes after start.
      orchestrator.schedules().runNow(TaskNames.COLLECT_METRICS);
      ServerContext context =
          ServerContext.create(
              orchestrator, automation, portals, config, workers, clock, users, meters, version());
      opened.add(context.streams());
      Javalin http = HttpApp.create(context).start(config.host(), config.port());
      // The URL may carry a password: the orchestrator logs the database without it.
      LOG.info(
          "rpa-server listening on {}://{}:{}{}",
          config.tls() ? "https" : "http",
          config.host(),
          http.port(),
          portals.demo()
              ? " (demo portals for " + String.join(", ", portals.demoUrls().keySet()) + ")"
              : "");
      return new RpaServer(
          config,
          orchestrator,
          automation,
          dataSource,
          meters,
          portals,
          demoPortals,
          context.streams(),
          context.drain(),
          http);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  /**
   * An H2 file database stays open until {@link #close()} closes it: by default H2 closes it from
   * its own shutdown hook, which runs beside the server's and would end the store under the jobs
   * that SIGTERM lets finish. Kept if the URL sets {@code DB_CLOSE_ON_EXIT}.
   */
  static String closedByServer(String url) {
    String lower = url.toLowerCase(java.util.Locale.ROOT);
    if (!lower.startsWith("jdbc:h2:")
        || lower.startsWith("jdbc:h2:mem:")
        || lower.contains(";db_close_on_exit=")) {
      return url;
    }
    return url + ";DB_CLOSE_ON_EXIT=FALSE";
  }

  private static BrowserAutomation automation(ServerConfig config, Secrets secrets, Clock clock) {
    BrowserAutomationBuilder automation =
        BrowserAutomation.builder()
            .secrets(secrets)
            .clock(clock)
            .evidenceDirectory(config.evidenceDirectory())
            .retention(Duration.ofDays(config.screenshotRetentionDays()))
            .idleTimeout(config.browserIdleTimeout())
            .maxSessions(config.browserMaxSessions())
            .browser(config.chromiumPath(), config.chromedriverPath());
    if (config.browserGridUrl() != null) {
      automation.gridUrl(config.browserGridUrl());
    }
    return automation.build();
  }

  /** This build's version, from the jar. */
  public static String version() {
    try (InputStream in = RpaServer.class.getResourceAsStream("version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The port the HTTP API listens on (the real one when 0 was asked for). */
  public int port() {
    return http.port();
  }

  /** The Javalin application, for tests that inspect the route table. */
  public Javalin http() {
    return http;
  }

  /** The configuration this server started with. */
  public ServerConfig config() {
    return config;
  }

  /** The metrics registry {@code /metrics/prometheus} renders. */
  public ServerMeters meters() {
    return meters;
  }

  /** The orchestrator this server runs. */
  public Orchestrator orchestrator() {
    return orchestrator;
  }

  /** Where each provider's portal is: configured, a demo portal, or missing. */
  public ProviderPortals portals() {
    return portals;
  }

  /** The live streams: the WebSocket endpoints' connections, queues and tickets. */
  public LiveStreams streams() {
    return streams;
  }

  /** The browser automations: sessions, evidence, flows. */
  public BrowserAutomation automation() {
    return automation;
  }

  /**
   * Stops in the order a rolling update needs: {@code /health/ready} answers 503 at once, and for
   * {@code SHUTDOWN_DELAY_SECONDS} the server goes on as before, so that the load balancer takes it
   * out of rotation; then the orchestrator stops claiming, waits up to {@code
   * SHUTDOWN_TIMEOUT_SECONDS} for the running jobs to finish (interrupting those still running,
   * whose attempt then fails and is retried), and gives the claimed jobs that had not begun back to
   * the queue with their attempt; then the HTTP API stops, then the live streams, the browsers, the
   * database pool, the metrics registry and the demo portals. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      drain.begin();
      LOG.info(
          "rpa-server stopping: readiness answers 503; running jobs get up to {} s to finish",
          config.shutdownTimeout().toSeconds());
      try {
        if (!config.shutdownDelay().isZero()) {
          Thread.sleep(config.shutdownDelay().toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try {
        orchestrator.close();
      } catch (RuntimeException e) {
        LOG.warn("Stopping the orchestrator failed: {}", e.toString());
      } finally {
        try {
          http.stop();
        } finally {
          closeAll(List.of(demoPortals, meters, dataSource, automation, streams));
        }
      }
      LOG.info("rpa-server stopped");
    }
  }

  /** Closes in reverse order of {@code opened}; every close is tried, failures are logged. */
  private static void closeAll(List<AutoCloseable> opened) {
    for (int i = opened.size() - 1; i >= 0; i--) {
      try {
        opened.get(i).close();
      } catch (Exception e) {
        LOG.warn("Closing {} failed", opened.get(i).getClass().getSimpleName(), e);
      }
    }
  }
}
