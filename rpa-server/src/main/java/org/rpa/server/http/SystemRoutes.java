package org.rpa.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.rpa.core.Orchestrator;
import org.rpa.core.analytics.Analytics;
import org.rpa.core.analytics.GroupBy;
import org.rpa.core.analytics.OutcomeCounts;
import org.rpa.core.analytics.TimeWindow;
import org.rpa.core.health.ComponentHealth;
import org.rpa.core.health.HealthStatus;
import org.rpa.server.http.StatsViews.LiveStatsBody;
import org.rpa.server.http.StatsViews.StatsBody;
import org.rpa.server.http.StatsViews.WorkersBody;
import org.rpa.server.http.SystemHealthView.HealthComponents;
import org.rpa.server.http.SystemHealthView.SchedulerHealth;
import org.rpa.server.http.SystemHealthView.SystemHealthBody;
import org.rpa.server.security.Permission;

/**
 * The operations dashboard's system views: {@code GET /api/system/health} (open; 503 when the
 * database or the scheduler is unhealthy), {@code GET /api/system/stats?period=}, {@code GET
 * /api/system/stats/live} and {@code GET /api/system/workers}.
 *
 * <p>Thread-safe.
 */
public final class SystemRoutes {
  /** The window of {@code stats/live}'s counts and of the health's recent executions. */
  static final Duration RECENT = Duration.ofMinutes(5);

  /** The window of each worker's figures. */
  static final Duration WORKER_WINDOW = Duration.ofHours(24);

  private final ServerContext context;

  public SystemRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
            "/api/system/health",
            "monitoring",
            "Health of the database, scheduler, host and process; 503 when a critical one is"
                + " unhealthy",
            SystemHealthBody.class,
            this::health),
        ApiRoute.route(
                "/api/system/stats",
                "monitoring",
                "Job and execution statistics over a period (1h, 6h, 24h, 7d, 30d; default 24h)",
                StatsBody.class,
                this::stats)
            .query("period")
            .secured(Permission.MONITORING_READ),
        ApiRoute.route(
                "/api/system/stats/live",
                "monitoring",
                "Running and scheduled jobs, and the executions of the last 5 minutes",
                LiveStatsBody.class,
                this::live)
            .secured(Permission.MONITORING_READ),
        ApiRoute.route(
                "/api/system/workers",
                "monitoring",
                "Every executor with its executions of the last 24 hours",
                WorkersBody.class,
                this::workers)
            .secured(Permission.MONITORING_READ));
  }

  private Orchestrator orchestrator() {
    return context.orchestrator();
  }

  private Analytics analytics() {
    return orchestrator().analytics();
  }

  private void health(Context ctx) {
    long started = System.nanoTime();
    ComponentHealth database = orchestrator().health().report().component("database").orElseThrow();
    // Without the database the figures would wait for the pool's timeout: leave them out.
    boolean reachable = database.status() == HealthStatus.HEALTHY;
    SchedulerHealth scheduler =
        SystemHealthView.scheduler(
            orchestrator().schedules().status().running(),
            reachable ? analytics().outcomes(analytics().last(RECENT)).total() : null,
            reachable ? analytics().queueDepth() : null);
    var components =
        new HealthComponents(
            SystemHealthView.database(database),
            scheduler,
            SystemHealthView.host(
                HostResources.memory(), HostResources.cores(), HostResources.loadAverage()),
            SystemHealthView.process(HostResources.pid(), HostResources.heap()));
    String status = SystemHealthView.overall(components);
    var body =
        new SystemHealthBody(
            status,
            context.now(),
            orchestrator().metrics().uptime().toMillis(),
            (System.nanoTime() - started) / 1_000_000,
            components);
    ctx.status(status.equals(HealthStatus.UNHEALTHY.label()) ? 503 : 200).json(body);
  }

  private void stats(Context ctx) {
    String period = MonitoringQueries.period(ctx);
    TimeWindow window = analytics().last(MonitoringQueries.PERIODS.get(period));
    ctx.json(
        new StatsBody(
            true,
            StatsViews.stats(
                period,
                window,
                analytics().jobCounts(),
                analytics().summaries(window, GroupBy.NONE).get(0),
                analytics().summaries(window, GroupBy.JOB_TYPE),
                analytics().summaries(window, GroupBy.HOUR))));
  }

  private void live(Context ctx) {
    OutcomeCounts recent = analytics().outcomes(analytics().last(RECENT));
    ctx.json(StatsViews.live(context.now(), analytics().liveCounts(), recent));
  }

  private void workers(Context ctx) {
    var figures = analytics().summaries(analytics().last(WORKER_WINDOW), GroupBy.EXECUTOR);
    ctx.json(
        new WorkersBody(true, StatsViews.workers(orchestrator().fleet().executors(), figures)));
  }
}
