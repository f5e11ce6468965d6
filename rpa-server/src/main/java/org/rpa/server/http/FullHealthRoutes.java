package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.rpa.core.health.FullHealth;
import org.rpa.server.http.FullHealthView.FullHealthBody;

/**
 * {@code GET /api/system/health/full}: the whole system's health, open like the other health
 * probes. 200 while healthy or degraded, 503 while unhealthy (the store, a critical loop, every
 * executor, a critical service or a critical breaker down). The downstream services are read from
 * their last scheduled probes, never probed by the request.
 *
 * <p>Thread-safe.
 */
public final class FullHealthRoutes {
  private final ServerContext context;

  public FullHealthRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
            "/api/system/health/full",
            "monitoring",
            "Full health: the job store, the wake-up channel, the downstream services (as their"
                + " last scheduled probe found them), the circuit breakers and the background"
                + " loops; 503 when unhealthy",
            FullHealthBody.class,
            this::full));
  }

  private void full(Context ctx) {
    FullHealth health = context.orchestrator().fullHealth();
    ctx.status(health.verdict().ready() ? 200 : 503)
        .json(FullHealthView.body(health, context.now(), context.version()));
  }
}
