package org.rpa.core.store;

import java.util.List;
import java.util.Map;
import org.rpa.core.analytics.ExecutionEntry;
import org.rpa.core.analytics.ExecutionFilter;
import org.rpa.core.analytics.ExecutionQuery;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.analytics.GroupBy;
import org.rpa.core.analytics.HealingStats;
import org.rpa.core.analytics.JobCounts;
import org.rpa.core.analytics.LiveCounts;
import org.rpa.core.analytics.OutcomeCounts;
import org.rpa.core.analytics.TimeWindow;
import org.rpa.core.job.JobId;
import org.rpa.core.job.Page;

/**
 * The store's reads for execution analytics: every aggregate is computed by the database, from the
 * executions or from their hourly rollups, the percentiles included (nearest rank, the same on H2
 * and PostgreSQL). See {@link org.rpa.core.analytics.Analytics} for what each returns.
 *
 * <p>Thread-safe. Every method throws {@link org.rpa.core.StoreException} when the database fails.
 */
public interface AnalyticsStore {

  /**
   * Statistics of the executions that finished in {@code window}, grouped {@code by}; without
   * {@code percentiles}, their three percentiles are NaN.
   */
  List<ExecutionStats> statistics(TimeWindow window, GroupBy by, boolean percentiles);

  /** Statistics of every finished execution of {@code job}: one group, empty when it has none. */
  ExecutionStats jobStatistics(JobId job);

  /** The jobs by status, those waiting for a retry among the SCHEDULED, and by kind. */
  JobCounts jobCounts();

  /** The live jobs by status, counted on the claim and due indexes. */
  LiveCounts liveCounts();

  /** How many executions finished in {@code window}, and how many of them failed or timed out. */
  OutcomeCounts outcomes(TimeWindow window);

  /** How many jobs are QUEUED, counted on the claim index. */
  long queueDepth();

  /**
   * The claim batches in flight, oldest first: per executor and claim, its jobs still CLAIMED or
   * RUNNING.
   */
  List<ClaimBatchRow> claimBatches();

  /** The QUEUED jobs by job type ({@code provider.action}), sorted by type. */
  Map<String, Long> queuedByType();

  /** One page of the executions the query selects, newest first, each with its job's type. */
  Page<ExecutionEntry> executions(ExecutionQuery query);

  /** How many executions the filter selects. */
  long countExecutions(ExecutionFilter filter);

  /** What self-healing did in the steps recorded in {@code window}. */
  HealingStats healing(TimeWindow window);
}
