package org.rpa.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.analytics.JobCounts;
import org.rpa.core.analytics.LiveCounts;
import org.rpa.core.analytics.OutcomeCounts;
import org.rpa.core.analytics.TimeWindow;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobStatus;
import org.rpa.server.Timestamps;

/**
 * The bodies of {@code /api/system/stats}, {@code /api/system/stats/live} and {@code
 * /api/system/workers}, in camelCase, and how each is made from the analytics and the fleet.
 */
final class StatsViews {
  private StatsViews() {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record StatsBody(boolean success, StatsData data) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record StatsData(
      String period,
      String periodStart,
      JobFigures jobs,
      ExecutionFigures executions,
      List<TaskTypeFigures> executionsByTaskType,
      List<HourFigures> hourlyTrend) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record JobFigures(
      long total, Map<String, Long> byStatus, Map<String, Long> byType, long active, long failed) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record ExecutionFigures(
      long total,
      long success,
      long failed,
      long timeout,
      long cancelled,
      long retries,
      String successRate,
      long avgDuration,
      long maxDuration) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record TaskTypeFigures(
      String taskType, long count, long successCount, String successRate, long avgDuration) {}

  /** One hour of the trend; {@code failed} counts the FAILED and TIMEOUT executions. */
  @JsonNaming(LowerCamelCaseStrategy.class)
  record HourFigures(@JsonProperty("_id") String id, long total, long success, long failed) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record LiveStatsBody(String timestamp, long running, long scheduled, LiveExecutions executions) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record LiveExecutions(long last5min, long failedLast5min) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record WorkersBody(boolean success, WorkersData data) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record WorkersData(List<WorkerFigures> workers, int totalWorkers, long activeWorkers) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record WorkerFigures(
      String workerId,
      String host,
      String status,
      long executions,
      String successRate,
      long avgDuration,
      String lastSeen,
      int activeJobs) {}

  static StatsData stats(
      String period,
      TimeWindow window,
      JobCounts counts,
      ExecutionStats totals,
      List<ExecutionStats> byType,
      List<ExecutionStats> byHour) {
    return new StatsData(
        period,
        Timestamps.format(window.from()),
        jobs(counts),
        new ExecutionFigures(
            totals.total(),
            totals.success(),
            totals.failed(),
            totals.timeout(),
            totals.cancelled(),
            totals.retries(),
            Figures.successRate(totals),
            Figures.averageMillis(totals),
            totals.durations().maxMs()),
        byType.stream()
            .map(
                type ->
                    new TaskTypeFigures(
                        type.group(),
                        type.total(),
                        type.success(),
                        Figures.successRate(type),
                        Figures.averageMillis(type)))
            .toList(),
        byHour.stream()
            .map(
                hour ->
                    new HourFigures(hour.group(), hour.total(), hour.success(), unsuccessful(hour)))
            .toList());
  }

  /**
   * The jobs by the dashboard's statuses: PENDING is a SCHEDULED job waiting for a retry, RUNNING
   * is CLAIMED or RUNNING; {@code active} is every SCHEDULED job (PENDING and SCHEDULED).
   */
  private static JobFigures jobs(JobCounts counts) {
    Map<String, Long> byStatus = new LinkedHashMap<>();
    byStatus.put("PENDING", counts.waitingForRetry());
    byStatus.put("SCHEDULED", counts.scheduledNotRetrying());
    byStatus.put("QUEUED", counts.count(JobStatus.QUEUED));
    byStatus.put("RUNNING", running(counts));
    byStatus.put("COMPLETED", counts.count(JobStatus.COMPLETED));
    byStatus.put("FAILED", counts.count(JobStatus.FAILED));
    byStatus.put("CANCELLED", counts.count(JobStatus.CANCELLED));
    Map<String, Long> byType = new LinkedHashMap<>();
    for (JobKind kind : JobKind.values()) {
      byType.put(kind.name(), counts.byKind().get(kind));
    }
    return new JobFigures(
        counts.total(),
        byStatus,
        byType,
        counts.count(JobStatus.SCHEDULED),
        counts.count(JobStatus.FAILED));
  }

  /**
   * The live view: {@code running} counts the CLAIMED and RUNNING jobs, {@code scheduled} the
   * SCHEDULED ones that do not wait for a retry; {@code failedLast5min} the FAILED and TIMEOUT
   * executions.
   */
  static LiveStatsBody live(String now, LiveCounts counts, OutcomeCounts lastFiveMinutes) {
    return new LiveStatsBody(
        now,
        counts.leased(),
        counts.scheduledNotRetrying(),
        new LiveExecutions(lastFiveMinutes.total(), lastFiveMinutes.unsuccessful()));
  }

  /**
   * Every executor of the fleet, with the figures of the executions it finished in the window;
   * {@code activeWorkers} counts those that are not offline. This is the one place that maps a
   * fleet member onto the view.
   */
  static WorkersData workers(List<Fleet.Member> fleet, List<ExecutionStats> byExecutor) {
    Map<String, ExecutionStats> figures =
        byExecutor.stream().collect(Collectors.toMap(ExecutionStats::group, Function.identity()));
    List<WorkerFigures> workers =
        fleet.stream()
            .map(
                member ->
                    worker(
                        member,
                        figures.getOrDefault(member.id(), ExecutionStats.empty(member.id()))))
            .toList();
    long active = fleet.stream().filter(m -> m.state() != Fleet.State.OFFLINE).count();
    return new WorkersData(workers, workers.size(), active);
  }

  private static WorkerFigures worker(Fleet.Member member, ExecutionStats stats) {
    return new WorkerFigures(
        member.id(),
        member.host(),
        member.state().label(),
        stats.total(),
        Figures.successRate(stats),
        Figures.averageMillis(stats),
        Figures.instant(member.heartbeatAt() == null ? member.startedAt() : member.heartbeatAt()),
        member.activeJobs());
  }

  private static long running(JobCounts counts) {
    return counts.count(JobStatus.CLAIMED) + counts.count(JobStatus.RUNNING);
  }

  /** The executions that failed or timed out; a cancelled one is neither. */
  private static long unsuccessful(ExecutionStats stats) {
    return stats.failed() + stats.timeout();
  }
}
