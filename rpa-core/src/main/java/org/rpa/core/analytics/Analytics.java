package org.rpa.core.analytics;

import java.time.Duration;
import java.util.List;
import org.rpa.core.job.JobId;
import org.rpa.core.job.Page;

/**
 * What the store says about how the jobs are doing: statistics of the executions that finished in a
 * window, job counts, the queue depth, and the executions themselves. Every figure is computed by
 * the database (percentiles included), so every instance sharing it answers the same.
 *
 * <pre>{@code
 * Analytics analytics = rpa.analytics();
 * ExecutionStats day = analytics.totals(analytics.last(Duration.ofHours(24)));
 * List<ExecutionStats> trend = analytics.statistics(analytics.last(Duration.ofHours(24)), HOUR);
 * Page<ExecutionEntry> failures =
 *     analytics.executions(ExecutionQuery.of(ExecutionFilter.all().status(FAILED)));
 * }</pre>
 *
 * <p>Thread-safe. "Now" is the orchestrator's clock. Every method but {@link #last} reads the store
 * and throws {@link org.rpa.core.StoreException} when it fails.
 */
public interface Analytics {

  /**
   * The window of {@code period} that ends now, by the orchestrator's clock: it takes in the
   * executions that finish until it is read ({@link TimeWindow#endsNow}).
   *
   * @throws org.rpa.core.InvalidRequestException naming {@code period} when it is not positive
   */
  TimeWindow last(Duration period);

  /**
   * Statistics of the executions that finished in {@code window}, in groups: {@link GroupBy#NONE}
   * gives one group, empty or not; {@link GroupBy#HOUR} gives the hours in order; the other
   * groupings give the groups with the most executions first, then by key.
   *
   * <p>Every figure is exact, and so are the percentiles (nearest rank) while the hours the window
   * touches hold at most 10,000 executions. Beyond, grouped by nothing, job type or hour, they are
   * added up from hourly rollups, and each percentile is the longest duration of the histogram
   * bucket that holds its rank: at most 6.25 % above the exact value, and exact under 32 ms.
   */
  List<ExecutionStats> statistics(TimeWindow window, GroupBy by);

  /**
   * The statistics without their percentiles ({@link org.rpa.core.metrics.DurationStats}'s three
   * percentiles are NaN): counts, average and extremes, which the hourly rollups give exactly for a
   * window of any length without reading its executions (except those of the window's partial first
   * and last hours). For figures polled over long windows. Groups and their order as {@link
   * #statistics}.
   */
  List<ExecutionStats> summaries(TimeWindow window, GroupBy by);

  /** Statistics of every execution that finished in {@code window}: one group, {@code "all"}. */
  default ExecutionStats totals(TimeWindow window) {
    return statistics(window, GroupBy.NONE).get(0);
  }

  /**
   * Statistics of every execution of {@code job} that finished, whatever its age: one group, {@code
   * "all"}, empty when the job has none (or no job has that id). A RUNNING execution is not
   * counted.
   */
  ExecutionStats jobStatistics(JobId job);

  /**
   * How many jobs there are now, by status (telling a retry's wait apart) and by kind. Counted on
   * indexes (every job, the live statuses, FAILED, CANCELLED, RECURRING; COMPLETED and ONE_TIME are
   * what is left), in one snapshot of the store.
   */
  JobCounts jobCounts();

  /**
   * How many jobs are live now (SCHEDULED, telling a retry's wait apart, QUEUED, CLAIMED, RUNNING),
   * read from the claim and due indexes only: cheap enough to poll every second, however many
   * finished jobs the store keeps.
   */
  LiveCounts liveCounts();

  /**
   * How many executions finished in {@code window} and how many of them failed or timed out: the
   * counts of {@link #totals} without the durations, read from the finish-time index alone.
   */
  OutcomeCounts outcomes(TimeWindow window);

  /**
   * How many jobs are due and wait for an executor (QUEUED), read from an index: cheap enough to
   * poll every few seconds. A SCHEDULED job whose time has come counts once the dispatcher's next
   * poll has queued it.
   */
  long queueDepth();

  /**
   * The executions the query selects, newest first; its next cursor is null on the last page. Each
   * carries its job's type and reference.
   */
  Page<ExecutionEntry> executions(ExecutionQuery query);

  /** How many executions the filter selects: the total of its pages. */
  long countExecutions(ExecutionFilter filter);

  /**
   * What self-healing did in the steps recorded in {@code window}, across every executor and
   * restart: the steps are stored with their executions.
   */
  HealingStats healing(TimeWindow window);
}
