package org.rpa.server.http;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.health.HealthStatus;
import org.rpa.core.metrics.Averages;
import org.rpa.core.metrics.Metrics;
import org.rpa.core.metrics.Snapshot;
import org.rpa.server.Timestamps;

/**
 * {@code GET /metrics}: the documented JSON (history every 5 minutes, averages, current) by
 * default, the {@link ServerMeters} scrape when {@code Accept} asks for {@code text/plain} or
 * OpenMetrics; {@code GET /metrics/prometheus}: always the scrape, in OpenMetrics when {@code
 * Accept} asks for it and in the Prometheus text format otherwise.
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

  /** The windows {@code period} names, the default first. */
  static final Map<String, Duration> WINDOWS = windows();

  private final ServerContext context;

  public MetricsRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/metrics",
                "metrics",
                "System metrics (JSON): the five-minute history of the last 24 hours (period: 1h,"
                    + " 6h, 24h, 7d, 30d, 90d), its averages and the current state; Prometheus"
                    + " text when Accept asks for text/plain",
                MetricsBody.class,
                this::metrics)
            .query("period"),
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
    Duration window = window(ctx.queryParam("period"));
    Metrics metrics = context.orchestrator().metrics();
    List<Snapshot> history = metrics.recent(window);
    Snapshot now = metrics.current();
    boolean healthy = context.orchestrator().health().report().status() == HealthStatus.HEALTHY;
    ctx.json(
        new MetricsBody(
            history.stream().map(MetricsRoutes::point).toList(),
            Averages.of(history),
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

  /** The name of this orchestrator's own in-process executor in {@code current.workers}. */
  static final String IN_PROCESS = "in-process";

  /**
   * The documented summary: each worker by its endpoint, {@code online} or {@code offline}, once.
   * First the remote workers this orchestrator is configured with, each by its URL's {@code
   * /execute}, as its last probe found it (whatever ids its restarts took); then this
   * orchestrator's in-process executor as {@value #IN_PROCESS} while it is live; then every other
   * live executor of the store (idle or busy, so {@code online}): another orchestrator's in-process
   * executor as {@code in-process:<its id>}, a remote worker another orchestrator dispatches to by
   * its {@code /execute}. Executors that stopped, whose lease ran out or that run nothing (capacity
   * 0) are not listed.
   */
  static Map<String, String> workerStates(ServerContext context) {
    Map<String, String> workers = new LinkedHashMap<>();
    context
        .orchestrator()
        .remoteWorkers()
        .ifPresent(
            remote ->
                remote.states().forEach((url, state) -> workers.put(url + "/execute", state)));
    String self = context.orchestrator().executorId();
    List<Fleet.Member> live =
        context.orchestrator().fleet().executors().stream()
            .filter(member -> member.state() != Fleet.State.OFFLINE)
            .toList();
    if (live.stream().anyMatch(member -> member.id().equals(self))) {
      workers.put(IN_PROCESS, "online");
    }
    for (Fleet.Member member : live) {
      if (member.address() != null) {
        workers.putIfAbsent(member.address() + "/execute", "online");
      } else if (!member.id().equals(self)) {
        workers.putIfAbsent(IN_PROCESS + ":" + member.id(), "online");
      }
    }
    return workers;
  }

  private static Map<String, Duration> windows() {
    Map<String, Duration> windows = new LinkedHashMap<>();
    windows.put("24h", Duration.ofHours(24));
    windows.put("1h", Duration.ofHours(1));
    windows.put("6h", Duration.ofHours(6));
    windows.put("7d", Duration.ofDays(7));
    windows.put("30d", Duration.ofDays(30));
    windows.put("90d", Duration.ofDays(90));
    return Collections.unmodifiableMap(windows);
  }

  /** The history's window: {@code period}'s, 24 hours when it is absent. */
  static Duration window(String period) {
    if (period == null) {
      return WINDOWS.get("24h");
    }
    Duration window = WINDOWS.get(period);
    if (window == null) {
      throw new InvalidRequestException(
          "period", period, "must be one of 1h, 6h, 24h, 7d, 30d, 90d");
    }
    return window;
  }

  /** OpenMetrics when {@code Accept} asks for it, else the Prometheus text format. */
  private void prometheus(Context ctx) {
    ServerMeters.Scrape scrape = context.meters().scrape(ctx.header("Accept"));
    ctx.contentType(scrape.contentType()).result(scrape.body());
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
