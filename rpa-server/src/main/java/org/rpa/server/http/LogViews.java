package org.rpa.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;
import org.rpa.core.analytics.ExecutionEntry;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.job.Execution;
import org.rpa.core.job.Job;

/**
 * The bodies of {@code /api/jobs/{id}/logs}, {@code /api/jobs/{id}/logs/summary} and {@code
 * /api/logs/recent}: each execution is a log, in camelCase. {@code attempt} counts from 0 (the
 * first attempt is 0, the first retry 1); the core counts from 1.
 */
final class LogViews {
  private LogViews() {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record JobLogsBody(boolean success, JobLogsData data) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record JobLogsData(LogJob job, List<JobLog> logs, Pagination pagination) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record LogJob(long id, String name, String taskType, String status) {}

  /**
   * {@code duration} is null while running and for a cancelled execution, {@code completedAt} while
   * running; {@code error} is null unless it failed, timed out or was cancelled.
   */
  @JsonNaming(LowerCamelCaseStrategy.class)
  record JobLog(
      long id,
      String status,
      Long duration,
      int attempt,
      @JsonProperty("isRetry") boolean isRetry,
      String executedAt,
      String completedAt,
      String workerId,
      Map<String, Object> result,
      LogError error) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record LogError(String message, String code) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record Pagination(long total, int limit, int offset, boolean hasMore) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record LogSummaryBody(boolean success, LogSummaryData data) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record LogSummaryData(SummaryJob job, LogSummary summary) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record SummaryJob(long id, String name, String taskType, String currentStatus) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record LogSummary(
      long totalExecutions,
      long successCount,
      long failedCount,
      long timeoutCount,
      long cancelledCount,
      long retryCount,
      String successRate,
      long avgDuration,
      long maxDuration,
      long minDuration,
      String firstExecution,
      String lastExecution) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record RecentLogsBody(boolean success, RecentLogsData data) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record RecentLogsData(List<RecentLog> logs, int count) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record RecentLog(
      long id,
      long jobId,
      String jobName,
      String taskType,
      String status,
      Long duration,
      int attempt,
      String executedAt,
      String workerId) {}

  static JobLogsData logs(Job job, List<ExecutionEntry> page, long total, int limit, int offset) {
    List<JobLog> logs = page.stream().map(entry -> log(entry.execution())).toList();
    return new JobLogsData(
        new LogJob(job.id().value(), Figures.name(job), job.type(), job.status().name()),
        logs,
        new Pagination(total, limit, offset, offset + logs.size() < total));
  }

  private static JobLog log(Execution execution) {
    return new JobLog(
        execution.id(),
        execution.status().name(),
        Figures.millis(execution.duration()),
        execution.attempt() - 1,
        execution.isRetry(),
        Figures.instant(execution.startedAt()),
        Figures.instant(execution.finishedAt()),
        execution.executor(),
        execution.result(),
        execution.error() == null
            ? null
            : new LogError(execution.error().message(), execution.error().type()));
  }

  static LogSummaryData summary(Job job, ExecutionStats stats) {
    return new LogSummaryData(
        new SummaryJob(job.id().value(), Figures.name(job), job.type(), job.status().name()),
        new LogSummary(
            stats.total(),
            stats.success(),
            stats.failed(),
            stats.timeout(),
            stats.cancelled(),
            stats.retries(),
            Figures.successRate(stats),
            Figures.averageMillis(stats),
            stats.durations().maxMs(),
            stats.durations().minMs(),
            Figures.instant(stats.firstStarted()),
            Figures.instant(stats.lastStarted())));
  }

  static RecentLogsData recent(List<ExecutionEntry> page) {
    List<RecentLog> logs =
        page.stream()
            .map(
                entry -> {
                  Execution execution = entry.execution();
                  return new RecentLog(
                      execution.id(),
                      execution.jobId().value(),
                      Figures.name(entry.reference(), entry.jobType()),
                      entry.jobType(),
                      execution.status().name(),
                      Figures.millis(execution.duration()),
                      execution.attempt() - 1,
                      Figures.instant(execution.startedAt()),
                      execution.executor());
                })
            .toList();
    return new RecentLogsData(logs, logs.size());
  }
}
