package org.rpa.server.http;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.server.ServerConfig;
import org.rpa.server.Timestamps;
import org.rpa.server.monitoring.MonitoringStack;
import org.rpa.server.monitoring.PrometheusClient;
import org.rpa.server.monitoring.ScrapeTarget;
import org.rpa.server.monitoring.StackHealth;
import org.rpa.server.security.Permission;

/**
 * The monitoring stack as the Prometheus server at {@code PROMETHEUS_URL} sees it: {@code GET
 * /api/system/monitoring/health} (200 when healthy, 503 with the same body when not: Prometheus
 * unset or unreachable, its breaker open, or most targets down) and {@code GET
 * /api/system/monitoring/targets} (200, or 503 with the error body when Prometheus cannot be read).
 * Every request to Prometheus goes through the breaker {@value PrometheusClient#BREAKER_NAME},
 * registered when the routes are built.
 *
 * <p>Thread-safe.
 */
public final class PrometheusRoutes {
  static final String BASE = "/api/system/monitoring";

  record JobTargetsView(String job, int total, int up, int down, int unknown) {}

  record ExporterView(
      String name, String status, String endpoint, String lastScrape, String error) {}

  record CollectionView(
      boolean collecting,
      String lastSuccessfulScrape,
      Double scrapeIntervalSeconds,
      Long totalSeries) {}

  record MonitoringHealthBody(
      boolean healthy,
      boolean prometheusReachable,
      String prometheusUrl,
      List<JobTargetsView> targetsSummary,
      List<ExporterView> exporters,
      CollectionView metricsCollection,
      List<String> issues,
      String timestamp) {}

  record TargetView(
      String job,
      String instance,
      String health,
      Map<String, String> labels,
      String lastScrape,
      String lastError,
      Double scrapeDurationSeconds) {}

  record TargetsBody(
      List<TargetView> targets, int total, int up, int down, List<String> jobs, String timestamp) {}

  private final ServerContext context;
  private final MonitoringStack stack;

  public PrometheusRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
    ServerConfig config = context.config();
    this.stack =
        new MonitoringStack(
            config.prometheusUrl() == null
                ? null
                : PrometheusClient.register(
                    config.prometheusUrl(),
                    config.prometheusTimeout(),
                    context.orchestrator().breakers()));
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                BASE + "/health",
                "monitoring",
                "Health of the monitoring stack as Prometheus sees it: targets by job, exporters,"
                    + " collection, issues; 503 with the same body when unhealthy (Prometheus"
                    + " unset or unreachable, or most targets down)",
                MonitoringHealthBody.class,
                this::health)
            .secured(Permission.MONITORING_READ)
            .errors(503),
        ApiRoute.route(
                BASE + "/targets",
                "monitoring",
                "Every active Prometheus scrape target; 503 when Prometheus is unset or"
                    + " unreachable",
                TargetsBody.class,
                this::targets)
            .secured(Permission.MONITORING_READ)
            .errors(503));
  }

  private void health(Context ctx) {
    StackHealth health = stack.health();
    ctx.status(health.healthy() ? 200 : 503).json(view(health, context.now()));
  }

  private void targets(Context ctx) {
    List<ScrapeTarget> targets = stack.targets();
    ctx.json(
        new TargetsBody(
            targets.stream().map(PrometheusRoutes::view).toList(),
            targets.size(),
            ScrapeTarget.count(targets, ScrapeTarget.UP),
            ScrapeTarget.count(targets, ScrapeTarget.DOWN),
            ScrapeTarget.jobs(targets),
            context.now()));
  }

  static MonitoringHealthBody view(StackHealth health, String timestamp) {
    StackHealth.MetricsCollection collection = health.collection();
    return new MonitoringHealthBody(
        health.healthy(),
        health.reachable(),
        health.url(),
        health.jobs().stream()
            .map(j -> new JobTargetsView(j.job(), j.total(), j.up(), j.down(), j.unknown()))
            .toList(),
        health.exporters().stream()
            .map(
                e ->
                    new ExporterView(
                        e.name(), e.status(), e.endpoint(), format(e.lastScrape()), e.error()))
            .toList(),
        new CollectionView(
            collection.collecting(),
            format(collection.lastSuccessfulScrape()),
            collection.scrapeIntervalSeconds(),
            collection.totalSeries()),
        health.issues(),
        timestamp);
  }

  private static TargetView view(ScrapeTarget target) {
    return new TargetView(
        target.job(),
        target.instance(),
        target.health(),
        target.labels(),
        format(target.lastScrape()),
        target.lastError(),
        target.scrapeDurationSeconds());
  }

  private static String format(Instant instant) {
    return instant == null ? null : Timestamps.format(instant);
  }
}
