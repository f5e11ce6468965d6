package org.rpa.server;

import io.javalin.Javalin;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rpa.core.Orchestrator;
import org.rpa.server.http.HttpApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone orchestrator: {@code java -jar rpa-server.jar}. Reads {@code PORT} (default 8620),
 * {@code HOST} (default 0.0.0.0) and {@code DATABASE_URL} (default an H2 file database under
 * ./data) from the environment, runs an {@link Orchestrator} with its in-process worker on that
 * database, serves the HTTP API, and stops both cleanly on SIGTERM.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class RpaServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpaServer.class);

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
    RpaServer server = start(ServerConfig.fromEnvironment(System.getenv()), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rpa-server-shutdown"));
  }

  /**
   * Opens the database, starts the orchestrator, then the HTTP API on the configured host and port.
   *
   * @throws org.rpa.core.StoreException if the database cannot be opened or migrated
   */
  public static RpaServer start(ServerConfig config, Clock clock) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Orchestrator orchestrator =
        Orchestrator.builder().database(config.databaseUrl()).clock(clock).build();
    try {
      orchestrator.start();
      Javalin http = HttpApp.create(clock).start(config.host(), config.port());
      // The URL may carry a password: the orchestrator logs the database without it.
      LOG.info("rpa-server listening on {}:{}", config.host(), http.port());
      return new RpaServer(config, orchestrator, http);
    } catch (RuntimeException e) {
      orchestrator.close();
      throw e;
    }
  }

  /** The port the HTTP API listens on (the real one when 0 was asked for). */
  public int port() {
    return http.port();
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
