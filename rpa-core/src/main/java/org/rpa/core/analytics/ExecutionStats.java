package org.rpa.core.analytics;

import java.time.Instant;
import java.util.Objects;
import org.rpa.core.metrics.DurationStats;

/**
 * Statistics of one group of executions that finished in a window: counts by final status, how many
 * were retries, their durations, and when the first and the last of them started.
 *
 * @param group the group's key: a job type, an executor, an hour ({@code yyyy-MM-dd HH:00}, UTC) or
 *     an error type; {@link #ALL} when not grouped
 * @param total every execution of the group
 * @param retries executions whose attempt was a retry ({@code attempt > 1})
 * @param durations of the executions with a known duration (a cancelled execution has none);
 *     percentiles are nearest rank, computed by the database, for long windows from hourly
 *     histograms ({@link Analytics#statistics}), and NaN in {@link Analytics#summaries}
 * @param firstStarted null when the group is empty
 * @param lastStarted null when the group is empty
 */
public record ExecutionStats(
    String group,
    long total,
    long success,
    long failed,
    long timeout,
    long cancelled,
    long retries,
    DurationStats durations,
    Instant firstStarted,
    Instant lastStarted) {

  /** The key of the one group of {@link GroupBy#NONE}. */
  public static final String ALL = "all";

  public ExecutionStats {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(durations, "durations");
  }

  /** The statistics of a window without executions. */
  public static ExecutionStats empty(String group) {
    return new ExecutionStats(group, 0, 0, 0, 0, 0, 0, DurationStats.EMPTY, null, null);
  }

  /** The same statistics with {@code durations} instead of these. */
  public ExecutionStats withDurations(DurationStats durations) {
    return new ExecutionStats(
        group,
        total,
        success,
        failed,
        timeout,
        cancelled,
        retries,
        durations,
        firstStarted,
        lastStarted);
  }

  /** Successes over all executions, from 0 to 1; 0 when there are none. */
  public double successRate() {
    return total == 0 ? 0 : (double) success / total;
  }
}
