package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.health.ComponentHealth;
import org.rpa.core.health.HealthReport;
import org.rpa.core.metrics.Metrics;
import org.rpa.core.schedule.SchedulerStatus;
import org.rpa.server.ProviderPortals;
import org.rpa.server.RpaServer;

/**
 * {@code /}, {@code /health} (200 while the server answers), {@code /health/live}, {@code
 * /health/ready} (503 when a critical component is unhealthy, or while the server stops) and {@code
 * /status}. Timestamps are UTC ISO-8601 with milliseconds.
 *
 * <p>Thread-safe.
 */
public final class HealthRoutes {
  /** The body of {@code GET /health}. */
  record HealthBody(String status, String timestamp) {}

  record ServiceInfo(
      String service,
      String version,
      String status,
      String docs,
      String redoc,
      String openapi,
      String dashboard,
      String health,
      String metrics,
      String timestamp) {}

  record Component(
      String name,
      String status,
      boolean critical,
      String message,
      Map<String, Object> details,
      long latencyMs) {}

  record ProbeBody(String status, String message, List<Component> components, String timestamp) {}

  record SchedulerSummary(boolean running, int jobCount) {}

  /**
   * Where one provider's portal is: {@code configured}, {@code demo} (a local sandbox portal in
   * development mode, with its URL) or {@code missing} (its jobs fail with ConfigurationError).
   */
  record PortalView(String provider, String source, String url) {}

  record StatusBody(
      String status,
      String message,
      String version,
      String uptime,
      long uptimeSeconds,
      String javaVersion,
      List<Component> components,
      List<MetricsRoutes.WorkerView> workers,
      SchedulerSummary scheduler,
      Map<String, Long> jobs,
      boolean demoPortals,
      List<PortalView> portals,
      String timestamp) {}

  private final ServerContext context;

  public HealthRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
            "/", "health", "Service information and links", ServiceInfo.class, this::root),
        ApiRoute.route("/health", "health", "Basic health check", HealthBody.class, this::health),
        ApiRoute.route("/health/live", "health", "Liveness probe", ProbeBody.class, this::live),
        ApiRoute.route(
            "/health/ready",
            "health",
            "Readiness probe: 503 when a critical component is unhealthy",
            ProbeBody.class,
            this::ready),
        ApiRoute.route(
            "/status", "health", "Detailed system status", StatusBody.class, this::status));
  }

  private void root(Context ctx) {
    ctx.json(
        new ServiceInfo(
            "rpa-orchestrator",
            context.version(),
            "running",
            "/docs",
            "/redoc",
            "/openapi.json",
            DashboardRoutes.PATH,
            "/health",
            "/metrics",
            context.now()));
  }

  private void health(Context ctx) {
    ctx.json(new HealthBody("healthy", context.now()));
  }

  private void live(Context ctx) {
    boolean live = context.orchestrator().health().live();
    ctx.status(live ? 200 : 503)
        .json(
            new ProbeBody(
                live ? "alive" : "dead",
                live ? "The process is running" : "The orchestrator has stopped",
                List.of(),
                context.now()));
  }

  private void ready(Context ctx) {
    if (context.drain().draining()) {
      ctx.status(503)
          .json(
              new ProbeBody(
                  "not_ready",
                  "The server is stopping: running jobs finish, no new requests",
                  List.of(),
                  context.now()));
      return;
    }
    HealthReport report = context.orchestrator().health().readiness();
    ctx.status(report.ready() ? 200 : 503)
        .json(
            new ProbeBody(
                report.ready() ? "ready" : "not_ready",
                report.message(),
                components(report),
                context.now()));
  }

  private void status(Context ctx) {
    var orchestrator = context.orchestrator();
    HealthReport report = orchestrator.health().report();
    SchedulerStatus scheduler = orchestrator.schedules().status();
    var uptime = orchestrator.metrics().uptime();
    Map<String, Long> jobs = new java.util.TreeMap<>();
    orchestrator
        .jobs()
        .countByStatus()
        .forEach(
            (status, count) -> jobs.put(status.name().toLowerCase(java.util.Locale.ROOT), count));
    ctx.json(
        new StatusBody(
            report.status().label(),
            report.message(),
            context.version(),
            Metrics.humanUptime(uptime),
            uptime.toSeconds(),
            System.getProperty("java.version"),
            components(report),
            MetricsRoutes.workers(context),
            new SchedulerSummary(scheduler.running(), scheduler.jobCount()),
            jobs,
            context.portals().demo(),
            portals(),
            context.now()));
  }

  /** Only a demo portal's URL is shown: a configured one may be an internal address. */
  private List<PortalView> portals() {
    ProviderPortals portals = context.portals();
    return RpaServer.PROVIDERS.stream()
        .map(
            provider ->
                new PortalView(
                    provider,
                    portals.source(provider).label(),
                    portals.demoUrl(provider).orElse(null)))
        .toList();
  }

  private static List<Component> components(HealthReport report) {
    return report.components().stream().map(HealthRoutes::component).toList();
  }

  private static Component component(ComponentHealth health) {
    return new Component(
        health.name(),
        health.status().label(),
        health.criticality() == org.rpa.core.health.Criticality.CRITICAL,
        health.message(),
        health.details(),
        health.latency().toMillis());
  }
}
