package org.rpa.server.http;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import org.rpa.core.analytics.ExecutionEntry;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.analytics.HealingStats;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.job.Execution;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.metrics.DurationStats;
import org.rpa.server.http.JobViews.ErrorView;

/**
 * The wire shapes of the fleet monitoring API under {@code /api/v1/metrics}: snake_case names,
 * numbers as numbers, rates in percent (0 to 100, two decimals).
 */
final class FleetMetricsViews {
  /** How many job types {@code slowest_workflows} lists at most. */
  static final int SLOWEST_WORKFLOWS = 5;

  private FleetMetricsViews() {}

  record FleetBody(
      int totalRobots,
      int activeRobots,
      int idleRobots,
      int offlineRobots,
      int activeJobs,
      long queueDepth) {}

  /**
   * One robot (an executor): {@code status} is idle, busy or offline; the resource figures are null
   * until it reported a sample.
   */
  record RobotSummary(
      String robotId,
      String hostname,
      String status,
      String kind,
      String address,
      int capacity,
      int activeJobs,
      Double cpuPercent,
      Double memoryMb,
      Integer processes,
      String startedAt,
      String lastSeen) {}

  /**
   * What a robot's executions that finished in the period did; the rate is null without executions,
   * the durations without a known duration (a cancelled run has none).
   */
  record RobotPerformance(
      String period,
      long executions,
      long successful,
      long failed,
      long timeout,
      long cancelled,
      long retries,
      Double successRate,
      Double averageDurationMs,
      Double p50DurationMs,
      Double p90DurationMs,
      Double p99DurationMs) {}

  record RobotDetail(RobotSummary robot, RobotPerformance performance) {}

  /** One run of a job, as the job history lists it. */
  record JobHistoryEntry(
      long executionId,
      long jobId,
      String workflowId,
      String robotId,
      String status,
      String executionStatus,
      int occurrence,
      int attempt,
      String startedAt,
      String finishedAt,
      Long durationMs,
      ErrorView error) {}

  /**
   * A page of the job history: {@code total} runs match the filter; {@code next_cursor} asks for
   * the next page and is null on the last one.
   */
  record JobHistory(
      List<JobHistoryEntry> jobs, int count, long total, int limit, String nextCursor) {}

  record SlowWorkflow(
      String workflowId,
      long executions,
      double averageDurationMs,
      double p90DurationMs,
      long maxDurationMs) {}

  record ErrorShare(String errorType, long count, double percent) {}

  record AnalyticsBody(
      String period,
      long totalJobs,
      Double successRate,
      Double failureRate,
      Double averageDurationMs,
      Double p50DurationMs,
      Double p90DurationMs,
      Double p99DurationMs,
      List<SlowWorkflow> slowestWorkflows,
      List<ErrorShare> errorDistribution,
      Double selfHealingSuccessRate) {}

  static RobotSummary robot(Fleet.Member member) {
    var resources = member.resources();
    return new RobotSummary(
        member.id(),
        member.host(),
        member.state().label(),
        member.kind(),
        member.address(),
        member.capacity(),
        member.activeJobs(),
        resources == null ? null : resources.cpuPercent(),
        resources == null ? null : resources.memoryMb(),
        resources == null ? null : resources.processes(),
        JobViews.time(member.startedAt()),
        JobViews.time(member.heartbeatAt()));
  }

  static RobotPerformance performance(String period, ExecutionStats stats) {
    DurationStats durations = stats.durations();
    return new RobotPerformance(
        period,
        stats.total(),
        stats.success(),
        stats.failed(),
        stats.timeout(),
        stats.cancelled(),
        stats.retries(),
        percent(stats.success(), stats.total()),
        known(durations, tenth(durations.avgMs())),
        known(durations, durations.p50Ms()),
        known(durations, durations.p90Ms()),
        known(durations, durations.p99Ms()));
  }

  /**
   * The fleet view's spelling of a run's outcome: a running run's job is {@code claimed}; TIMEOUT
   * is {@code failed} (its {@code execution_status} tells it apart).
   */
  static JobHistoryEntry historyEntry(ExecutionEntry entry) {
    Execution e = entry.execution();
    return new JobHistoryEntry(
        e.id(),
        e.jobId().value(),
        entry.jobType(),
        e.executor(),
        label(e.status()),
        e.status().name(),
        e.occurrence(),
        e.attempt(),
        JobViews.time(e.startedAt()),
        JobViews.time(e.finishedAt()),
        e.duration() == null ? null : e.duration().toMillis(),
        JobViews.error(e.error()));
  }

  static AnalyticsBody analytics(
      String period,
      ExecutionStats totals,
      List<ExecutionStats> byJobType,
      List<ExecutionStats> byErrorType,
      HealingStats healing) {
    DurationStats durations = totals.durations();
    long errors = byErrorType.stream().mapToLong(ExecutionStats::total).sum();
    OptionalDouble healed = healing.successRate();
    return new AnalyticsBody(
        period,
        totals.total(),
        percent(totals.success(), totals.total()),
        percent(totals.failed() + totals.timeout(), totals.total()),
        known(durations, tenth(durations.avgMs())),
        known(durations, durations.p50Ms()),
        known(durations, durations.p90Ms()),
        known(durations, durations.p99Ms()),
        byJobType.stream()
            .filter(group -> group.durations().count() > 0)
            .sorted(
                Comparator.comparingDouble((ExecutionStats group) -> group.durations().avgMs())
                    .reversed()
                    .thenComparing(ExecutionStats::group))
            .limit(SLOWEST_WORKFLOWS)
            .map(FleetMetricsViews::slowWorkflow)
            .toList(),
        byErrorType.stream()
            .map(
                group ->
                    new ErrorShare(group.group(), group.total(), percent(group.total(), errors)))
            .toList(),
        healed.isPresent() ? round(healed.getAsDouble() * 100) : null);
  }

  private static SlowWorkflow slowWorkflow(ExecutionStats group) {
    DurationStats durations = group.durations();
    return new SlowWorkflow(
        group.group(),
        group.total(),
        tenth(durations.avgMs()),
        durations.p90Ms(),
        durations.maxMs());
  }

  private static String label(ExecutionStatus status) {
    return switch (status) {
      case RUNNING -> "claimed";
      case SUCCESS -> "completed";
      case FAILED, TIMEOUT -> "failed";
      case CANCELLED -> "cancelled";
    };
  }

  /** {@code part / whole} in percent, two decimals; null when {@code whole} is 0. */
  static Double percent(long part, long whole) {
    return whole == 0 ? null : round(100.0 * part / whole);
  }

  /** {@code value}, or null when no duration was known. */
  private static Double known(DurationStats durations, double value) {
    return durations.count() == 0 ? null : value;
  }

  private static double round(double percent) {
    return Math.round(percent * 100.0) / 100.0;
  }

  private static double tenth(double millis) {
    return Math.round(millis * 10.0) / 10.0;
  }
}
