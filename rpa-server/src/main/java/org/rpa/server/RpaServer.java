package org.rpa.server;

import io.javalin.Javalin;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rpa.server.http.HttpApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone orchestrator: {@code java -jar rpa-server.jar}. Reads {@code PORT} (default 8620),
 * {@code HOST} (default 0.0.0.0) and {@code DATABASE_URL} (default an H2 file database under
 * ./data) from the environment, serves the HTTP API, and stops cleanly on SIGTERM.
 *
 * <p>Thread-safe: {@link #close()} may be called from any thread, more than once.
 */
public final class RpaServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpaServer.class);

  private final ServerConfig settings;
  private final Javalin http;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RpaServer(ServerConfig settings, Javalin http) {
    this.settings = settings;
    this.http = http;
  }

  public static void main(String[] args) {
    RpaServer server = start(ServerConfig.fromEnvironment(System.getenv()), Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "rpa-server-shutdown"));
  }

  /** Starts the HTTP API on the configured host and port. */
  public static RpaServer start(ServerConfig settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(clock, "clock");
    Javalin http = HttpApp.create(clock).start(settings.host(), settings.port());
    LOG.info(
        "rpa-server listening on {}:{} (database {})",
        settings.host(),
        http.port(),
        settings.databaseUrl());
    return new RpaServer(settings, http);
  }

  /** The port the HTTP API listens on (the real one when 0 was asked for). */
  public int port() {
    return http.port();
  }

  /** The settings this server started with. */
  public ServerConfig settings() {
    return settings;
  }

  /** Stops the HTTP API. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      LOG.info("rpa-server stopping");
      http.stop();
    }
  }
}
