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
import org.rpa.automation.BrowserAutomation;
import org.rpa.automation.BrowserAutomationBuilder;
import org.rpa.automation.Secrets;
import org.rpa.core.Orchestrator;
import org.rpa.core.schedule.TaskNames;
import org.rpa.core.store.Databases;
import org.rpa.server.http.HttpApp;
import org.rpa.server.http.ServerContext;
import org.rpa.server.security.PasswordHasher;
import org.rpa.server.security.Role;
import org.rpa.server.security.Users;
import org.rpa.server.worker.CallbackCredentials;
import org.rpa.server.worker.WorkerMain;
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
  static {
    // Before the first logger: slf4j-simple reads its settings once.
    Logging.configure(System.getenv());
  }

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
  private final Javalin http;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RpaServer(
      ServerConfig config,
      Orchestrator orchestrator,
      BrowserAutomation automation,
      AutoCloseable dataSource,
      Javalin http) {
    this.config = config;
    this.orchestrator = orchestrator;
    this.automation = automation;
    this.dataSource = dataSource;
    this.http = http;
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("worker")) {
      WorkerMain.run(System.getenv());
      return;
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
    RpaServer server = start(config, workers, Clock.systemUTC(), new Users(new PasswordHasher()));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rpa-server-shutdown"));
  }

  /**
   * Opens the database, builds the browser automations (browsers start lazily, on the first job
   * that needs one), starts the orchestrator with their handlers, then the HTTP API on the
   * configured host and port. The configured admin and {@code RPA_USERS} are added to {@code
   * users}. {@code workers} is read from the same environment as {@code config}: the remote workers
   * jobs are sent to, and the token their callbacks carry.
   *
   * @throws org.rpa.core.StoreException if the database cannot be opened or migrated
   */
  public static RpaServer start(
      ServerConfig config, WorkerConfig workers, Clock clock, Users users) {
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
      HikariDataSource dataSource = Databases.pool(config.databaseUrl(), DATABASE_POOL_SIZE);
      opened.add(dataSource);
      BrowserAutomation automation = automation(config, clock);
      opened.add(automation);
      Orchestrator.Builder builder =
          Orchestrator.builder()
              .dataSource(dataSource)
              .clock(clock)
              .concurrency(Math.max(1, config.maxWorkers()))
              .pollInterval(config.pollInterval())
              .alerts(config.alerts());
      WorkerMain.configure(builder, workers, CallbackCredentials.derivedFrom(config.jwtSecret()));
      for (String provider : PROVIDERS) {
        for (String action : ACTIONS) {
          builder.jobType(provider, action);
        }
      }
      if (!config.runsJobs()) {
        LOG.info("MAX_WORKERS is 0: jobs are queued here and run by remote workers");
      }
      Orchestrator orchestrator =
          config.runsJobs() ? automation.install(builder) : automation.installHousekeeping(builder);
      opened.add(orchestrator);
      orchestrator.supervisor().register(new BrowserReaper(automation));
      orchestrator.start();
      // The first point of /metrics' history now, not five minutes after start.
      orchestrator.schedules().runNow(TaskNames.COLLECT_METRICS);
      ServerContext context =
          ServerContext.create(orchestrator, automation, config, workers, clock, users, version());
      Javalin http = HttpApp.create(context).start(config.host(), config.port());
      // The URL may carry a password: the orchestrator logs the database without it.
      LOG.info(
          "rpa-server listening on {}://{}:{}",
          config.tls() ? "https" : "http",
          config.host(),
          http.port());
      return new RpaServer(config, orchestrator, automation, dataSource, http);
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  private static BrowserAutomation automation(ServerConfig config, Clock clock) {
    BrowserAutomationBuilder automation =
        BrowserAutomation.builder()
            .secrets(
                config.secretsDirectory() == null
                    ? Secrets.fromEnvironment()
                    : Secrets.fromDirectory(config.secretsDirectory()))
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

  /** The orchestrator this server runs. */
  public Orchestrator orchestrator() {
    return orchestrator;
  }

  /** The browser automations: sessions, evidence, flows. */
  public BrowserAutomation automation() {
    return automation;
  }

  /**
   * Stops the HTTP API first, so no new work comes in, then the orchestrator, which waits for
   * running jobs up to its shutdown timeout, then the browsers and the database pool. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      LOG.info("rpa-server stopping");
      try {
        http.stop();
      } finally {
        closeAll(List.of(dataSource, automation, orchestrator));
      }
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
