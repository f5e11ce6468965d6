package org.rpa.server;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rpa.core.Orchestrator;
import org.rpa.server.http.HttpApp;
import org.rpa.server.http.ServerContext;
import org.rpa.server.security.AuditLog;
import org.rpa.server.security.JwtTokens;
import org.rpa.server.security.PasswordHasher;
import org.rpa.server.security.Role;
import org.rpa.server.security.Users;
import org.rpa.server.worker.WorkerMain;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone orchestrator: {@code java -jar rpa-server.jar}. Reads its {@link ServerConfig}
 * from the environment and {@code SECRETS_DIR}, refuses to start on a bad value (naming each), runs
 * an {@link Orchestrator} with its in-process worker, serves the HTTP API, and stops both cleanly
 * on SIGTERM.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class RpaServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpaServer.class);

  /** Seed 002's providers and actions, accepted as job types (their handlers come with issue 7). */
  public static final List<String> PROVIDERS = List.of("mfn", "osn", "octotel", "evotel");

  public static final List<String> ACTIONS = List.of("validation", "cancellation");

  private final ServerConfig config;
  private final Orchestrator orchestrator;
  private final Javalin http;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RpaServer(ServerConfig config, Orchestrator orchestrator, Javalin http) {
    this.config = config;
    this.orchestrator = orchestrator;
    this.http = http;
  }

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("worker")) {
      WorkerMain.run(System.getenv());
      return;
    }
    ServerConfig config;
    try {
      config = ServerConfig.fromEnvironment(System.getenv());
      WorkerConfig.fromEnvironment(System.getenv()).requireTokenForWorkers();
    } catch (IllegalArgumentException e) {
      System.err.println("rpa-server cannot start. " + e.getMessage());
      System.exit(2);
      return;
    }
    RpaServer server = start(config, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rpa-server-shutdown"));
  }

  /** Starts with the admin from the configuration as the only user. */
  public static RpaServer start(ServerConfig config, Clock clock) {
    return start(config, clock, new Users(new PasswordHasher()));
  }

  /**
   * Opens the database, starts the orchestrator, then the HTTP API on the configured host and port.
   * The configured admin is added to {@code users}.
   *
   * @throws org.rpa.core.StoreException if the database cannot be opened or migrated
   */
  public static RpaServer start(ServerConfig config, Clock clock, Users users) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    users.add(config.adminUsername(), config.adminPassword(), Role.ADMIN);
    if (config.developmentMode()) {
      LOG.warn("DEVELOPMENT_MODE is on: default credentials and short JWT secrets are accepted");
    }
    Orchestrator.Builder builder =
        Orchestrator.builder().database(config.databaseUrl()).clock(clock);
    WorkerMain.configure(builder, WorkerConfig.fromEnvironment(System.getenv()));
    for (String provider : PROVIDERS) {
      for (String action : ACTIONS) {
        builder.jobType(provider, action);
      }
    }
    Orchestrator orchestrator = builder.build();
    try {
      orchestrator.start();
      JwtTokens tokens =
          new JwtTokens(
              config.jwtAlgorithm(),
              config.jwtSecret(),
              config.jwtIssuer(),
              config.jwtExpiration(),
              clock);
      ServerContext context =
          new ServerContext(orchestrator, config, clock, users, tokens, new AuditLog(), version());
      Javalin http = HttpApp.create(context).start(config.host(), config.port());
      // The URL may carry a password: the orchestrator logs the database without it.
      LOG.info(
          "rpa-server listening on {}://{}:{}",
          config.tls() ? "https" : "http",
          config.host(),
          http.port());
      return new RpaServer(config, orchestrator, http);
    } catch (RuntimeException e) {
      orchestrator.close();
      throw e;
    }
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

  /**
   * Stops the HTTP API first, so no new work comes in, then the orchestrator, which waits for
   * running jobs up to its shutdown timeout. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      LOG.info("rpa-server stopping");
      try {
        http.stop();
      } finally {
        orchestrator.close();
      }
    }
  }
}
