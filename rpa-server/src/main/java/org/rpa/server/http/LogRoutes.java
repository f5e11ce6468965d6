package org.rpa.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.rpa.core.analytics.Analytics;
import org.rpa.core.analytics.ExecutionEntry;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.core.analytics.ExecutionQuery;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.server.http.LogViews.JobLogsBody;
import org.rpa.server.http.LogViews.LogSummaryBody;
import org.rpa.server.http.LogViews.RecentLogsBody;
import org.rpa.server.security.Permission;

/**
 * Executions as logs: {@code GET /api/jobs/{id}/logs} (a job's, newest first, a page at a time),
 * {@code GET /api/jobs/{id}/logs/summary} and {@code GET /api/logs/recent} (across jobs).
 *
 * <p>Thread-safe.
 */
public final class LogRoutes {
  static final int JOB_LOGS_LIMIT = 20;
  static final int RECENT_LIMIT = 50;
  static final int MAX_LIMIT = 100;

  private final ServerContext context;

  public LogRoutes(ServerContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  List<ApiRoute> routes() {
    return List.of(
        ApiRoute.route(
                "/api/jobs/{id}/logs",
                "monitoring",
                "A job's executions, newest first (limit 20, at most 100; offset; status;"
                    + " fromDate; toDate)",
                JobLogsBody.class,
                this::jobLogs)
            .query("limit", "offset", "status", "fromDate", "toDate")
            .secured(Permission.MONITORING_READ),
        ApiRoute.route(
                "/api/jobs/{id}/logs/summary",
                "monitoring",
                "A job's execution counts, success rate and durations",
                LogSummaryBody.class,
                this::summary)
            .secured(Permission.MONITORING_READ),
        ApiRoute.route(
                "/api/logs/recent",
                "monitoring",
                "The newest executions of every job (limit 50, at most 100; status; taskType)",
                RecentLogsBody.class,
                this::recent)
            .query("limit", "status", "taskType")
            .secured(Permission.MONITORING_READ));
  }

  private Analytics analytics() {
    return context.orchestrator().analytics();
  }

  private void jobLogs(Context ctx) {
    JobId id = JobRoutes.id(ctx);
    int limit = MonitoringQueries.limit(ctx, JOB_LOGS_LIMIT, MAX_LIMIT);
    int offset = MonitoringQueries.offset(ctx);
    ExecutionFilter filter =
        MonitoringQueries.dates(ctx, MonitoringQueries.status(ctx, ExecutionFilter.ofJob(id)));
    Job job = context.orchestrator().jobs().get(id);
    List<ExecutionEntry> page =
        analytics().executions(ExecutionQuery.of(filter).offset(offset).limit(limit)).items();
    ctx.json(
        new JobLogsBody(
            true, LogViews.logs(job, page, analytics().countExecutions(filter), limit, offset)));
  }

  private void summary(Context ctx) {
    JobId id = JobRoutes.id(ctx);
    Job job = context.orchestrator().jobs().get(id);
    ctx.json(new LogSummaryBody(true, LogViews.summary(job, analytics().jobStatistics(id))));
  }

  private void recent(Context ctx) {
    int limit = MonitoringQueries.limit(ctx, RECENT_LIMIT, MAX_LIMIT);
    ExecutionFilter filter =
        MonitoringQueries.taskType(ctx, MonitoringQueries.status(ctx, ExecutionFilter.all()));
    List<ExecutionEntry> page =
        analytics().executions(ExecutionQuery.of(filter).limit(limit)).items();
    ctx.json(new RecentLogsBody(true, LogViews.recent(page)));
  }
}
