package org.rpa.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.analytics.Analytics;
import org.rpa.core.analytics.ExecutionEntry;
import org.rpa.core.analytics.ExecutionQuery;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.analytics.GroupBy;
import org.rpa.core.analytics.TimeWindow;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.job.JobId;
import org.rpa.core.job.Page;
import org.rpa.server.http.FleetMetricsViews.AnalyticsBody;
import org.rpa.server.http.FleetMetricsViews.FleetBody;
import org.rpa.server.http.FleetMetricsViews.JobHistory;
import org.rpa.server.http.FleetMetricsViews.JobHistoryEntry;
import org.rpa.server.http.FleetMetricsViews.RobotDetail;
import org.rpa.server.http.FleetMetricsViews.RobotSummary;
import org.rpa.server.http.JobViews.JobView;
import org.rpa.server.security.Permission;

/**
 * The fleet monitoring API under {@code /api/v1/metrics}: the fleet's counts, the robots (the
 * executors) with their resources and performance, the job history (runs, filtered by robot, job
 * type and status) with each job's node-by-node breakdown (its recorded steps), and the analytics
 * of a period ({@code 1h}, {@code 6h}, {@code 24h} by default, {@code 7d}, {@code 30d}).
 *
 * <p>Thread-safe.
 */
public final class FleetMetricsRoutes {
  static final String PREFIX = "/api/v1/metrics";
  static final String DEFAULT_PERIOD = "24h";
  static final Map<String, Duration> PERIODS =
      Map.of(
          "1h", Duration.ofHours(1),
          "6h", Duration.ofHours(6),
          "24h", Duration.ofHours(24),
          "7d", Duration.ofDays(7),
          "30d", Duration.ofDays(30));

  private final ServerContext context;

  public FleetMetricsRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        route(
            "/fleet",
            "Fleet summary: robots by state, active jobs, queue depth",
            FleetBody.class,
            this::fleet),
        route(
                "/robots",
                "Robot summaries, optionally of one state",
                RobotSummary[].class,
                this::robots)
            .query("status"),
        route(
                "/robots/{robot_id}",
                "A robot with its performance over a period",
                RobotDetail.class,
                this::robot)
            .query("period"),
        route("/jobs", "Job history: runs, newest first, paginated", JobHistory.class, this::jobs)
            .query(JobHistoryQueries.PARAMETERS.toArray(String[]::new)),
        route(
            "/jobs/{job_id}",
            "A job with its runs and their node-by-node breakdown (the steps)",
            JobView.class,
            this::job),
        route(
                "/analytics",
                "Aggregated statistics of a period",
                AnalyticsBody.class,
                this::analytics)
            .query("period"));
  }

  private static ApiRoute route(String path, String summary, Class<?> response, Handler handler) {
    return ApiRoute.route(PREFIX + path, "fleet metrics", summary, response, handler)
        .secured(Permission.MONITORING_READ);
  }

  private Analytics analytics() {
    return context.orchestrator().analytics();
  }

  private Fleet fleet() {
    return context.orchestrator().fleet();
  }

  private void fleet(Context ctx) {
    Fleet.Summary summary = fleet().summary();
    ctx.json(
        new FleetBody(
            summary.total(),
            summary.busy(),
            summary.idle(),
            summary.offline(),
            summary.activeJobs(),
            analytics().queueDepth()));
  }

  private void robots(Context ctx) {
    String status = ctx.queryParam("status");
    Fleet.State state = status == null ? null : state(status);
    ctx.json(
        fleet().executors().stream()
            .filter(member -> state == null || member.state() == state)
            .map(FleetMetricsViews::robot)
            .toList());
  }

  private void robot(Context ctx) {
    String id = ctx.pathParam("robot_id");
    String period = period(ctx);
    Fleet.Member member =
        fleet().executors().stream()
            .filter(candidate -> candidate.id().equals(id))
            .findFirst()
            .orElseThrow(() -> new ApiException(404, "NotFoundError", "Robot not found: " + id));
    ExecutionStats stats =
        analytics().statistics(window(period), GroupBy.EXECUTOR).stream()
            .filter(group -> group.group().equals(id))
            .findFirst()
            .orElse(ExecutionStats.empty(id));
    ctx.json(
        new RobotDetail(
            FleetMetricsViews.robot(member), FleetMetricsViews.performance(period, stats)));
  }

  private void jobs(Context ctx) {
    JobHistoryQueries.Request request = JobHistoryQueries.from(ctx);
    ExecutionQuery query = request.query();
    if (!request.selectsRuns()) {
      ctx.json(new JobHistory(List.of(), 0, 0, query.limit(), null));
      return;
    }
    Page<ExecutionEntry> page = analytics().executions(query);
    List<JobHistoryEntry> entries =
        page.items().stream().map(FleetMetricsViews::historyEntry).toList();
    ctx.json(
        new JobHistory(
            entries,
            entries.size(),
            analytics().countExecutions(query.filter()),
            query.limit(),
            page.nextCursor()));
  }

  private void job(Context ctx) {
    ctx.json(JobRoutes.detail(context.orchestrator().jobs(), JobId.parse(ctx.pathParam("job_id"))));
  }

  private void analytics(Context ctx) {
    String period = period(ctx);
    TimeWindow window = window(period);
    Analytics analytics = analytics();
    ctx.json(
        FleetMetricsViews.analytics(
            period,
            analytics.totals(window),
            analytics.statistics(window, GroupBy.JOB_TYPE),
            analytics.summaries(window, GroupBy.ERROR_TYPE),
            analytics.healing(window)));
  }

  private TimeWindow window(String period) {
    return analytics().last(PERIODS.get(period));
  }

  /**
   * The {@code period} parameter: one of {@link #PERIODS}, {@value #DEFAULT_PERIOD} when absent.
   */
  static String period(Context ctx) {
    String period = ctx.queryParam("period");
    if (period == null) {
      return DEFAULT_PERIOD;
    }
    if (!PERIODS.containsKey(period)) {
      throw ApiException.validation("period must be one of 1h, 6h, 24h, 7d, 30d");
    }
    return period;
  }

  static Fleet.State state(String status) {
    for (Fleet.State state : Fleet.State.values()) {
      if (status.equals(state.label()) || status.equals(state.name())) {
        return state;
      }
    }
    throw ApiException.validation("status must be one of idle, busy, offline");
  }
}
