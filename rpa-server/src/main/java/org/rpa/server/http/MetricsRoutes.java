package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.health.HealthStatus;
import org.rpa.core.metrics.Averages;
import org.rpa.core.metrics.Metrics;
import org.rpa.core.metrics.Snapshot;
import org.rpa.server.Timestamps;

/**
 * {@code GET /metrics}: the documented JSON (history every 5 minutes, averages, current) by
 * default, Prometheus text when {@code Accept} asks for {@code text/plain} or OpenMetrics; {@code
 * GET /metrics/prometheus}: always Prometheus text.
 *
 * <p>Thread-safe.
 */
public final class MetricsRoutes {
  record Point(
      String timestamp, long queuedJobs, long runningJobs, long completedJobs, long failedJobs) {}

  record Current(
      String status,
      String uptime,
      long queuedJobs,
      long runningJobs,
      long completedJobs,
      long failedJobs,
      Map<String, String> workers,
      String version) {}

  record MetricsBody(List<Point> metrics, Averages averages, Current current) {}

  /**
   * One executor in {@code /status}: {@code status} is idle, busy or offline; the resource figures
   * are null until it reported a sample.
   */
  record WorkerView(
      String id,
      String host,
      String kind,
      String address,
      String status,
      int capacity,
      int activeJobs,
      String heartbeatAt,
      Double cpuPercent,
      Double memoryMb,
      Integer processes) {}

  private final ServerContext context;

  public MetricsRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
            "/metrics",
            "metrics",
            "System metrics (JSON); Prometheus text when Accept asks for text/plain",
            MetricsBody.class,
            this::metrics),
        ApiRoute.route(
            "/metrics/prometheus",
            "metrics",
            "Prometheus text exposition",
            String.class,
            this::prometheus));
  }

  private void metrics(Context ctx) {
    String accept = ctx.header("Accept");
    if (accept != null) {
      String lower = accept.toLowerCase(Locale.ROOT);
      if (lower.contains("text/plain") || lower.contains("application/openmetrics-text")) {
        prometheus(ctx);
        return;
      }
    }
    Metrics metrics = context.orchestrator().metrics();
    Snapshot now = metrics.current();
    boolean healthy = context.orchestrator().health().report().status() == HealthStatus.HEALTHY;
    ctx.json(
        new MetricsBody(
            metrics.history().newestFirst().stream().map(MetricsRoutes::point).toList(),
            metrics.history().averages(),
            new Current(
                healthy ? "online" : "degraded",
                Metrics.humanUptime(metrics.uptime()),
                now.queuedJobs(),
                now.runningJobs(),
                now.completedJobs(),
                now.failedJobs(),
                workerStates(context),
                context.version())));
  }

  /**
   * The documented summary: each worker by its endpoint, {@code online} (idle or busy) or {@code
   * offline}. A remote worker is named once by its URL's {@code /execute}, whatever ids its
   * restarts took, and as this orchestrator's probes last found it; an in-process executor by its
   * id. An executor that can run nothing (capacity 0) is no worker and is left out.
   */
  static Map<String, String> workerStates(ServerContext context) {
    Map<String, String> workers = new LinkedHashMap<>();
    for (Fleet.Member member : context.orchestrator().fleet().executors()) {
      if (member.capacity() == 0) {
        continue;
      }
      String name = member.address() == null ? member.id() : member.address() + "/execute";
      String state = member.state() == Fleet.State.OFFLINE ? "offline" : "online";
      workers.merge(name, state, (before, after) -> before.equals("online") ? before : after);
    }
    context
        .orchestrator()
        .remoteWorkers()
        .ifPresent(
            remote ->
                remote.states().forEach((url, state) -> workers.put(url + "/execute", state)));
    return workers;
  }

  private void prometheus(Context ctx) {
    ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
        .result(PrometheusText.render(context));
  }

  static List<WorkerView> workers(ServerContext context) {
    return context.orchestrator().fleet().executors().stream()
        .map(
            e ->
                new WorkerView(
                    e.id(),
                    e.host(),
                    e.kind(),
                    e.address(),
                    e.state().label(),
                    e.capacity(),
                    e.activeJobs(),
                    e.heartbeatAt() == null ? null : Timestamps.format(e.heartbeatAt()),
                    e.resources() == null ? null : e.resources().cpuPercent(),
                    e.resources() == null ? null : e.resources().memoryMb(),
                    e.resources() == null ? null : e.resources().processes()))
        .toList();
  }

  private static Point point(Snapshot s) {
    return new Point(
        Timestamps.format(s.timestamp()),
        s.queuedJobs(),
        s.runningJobs(),
        s.completedJobs(),
        s.failedJobs());
  }
}
