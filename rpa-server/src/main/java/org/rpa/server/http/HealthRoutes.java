package org.rpa.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * {@code GET /health}: 200 with {@code {"status":"healthy","timestamp":"2025-08-01T10:30:00.000Z"}}
 * while the server answers. The timestamp is UTC, ISO-8601, always with milliseconds.
 *
 * <p>Thread-safe: stateless apart from the clock.
 */
public final class HealthRoutes {
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;

  public HealthRoutes(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Adds this area's routes. */
  public void register(RoutesConfig routes) {
    routes.get("/health", this::health);
  }

  private void health(Context context) {
    context.json(new HealthBody("healthy", TIMESTAMP.format(clock.instant())));
  }

  /** The body of {@code GET /health}. */
  record HealthBody(String status, String timestamp) {}
}
