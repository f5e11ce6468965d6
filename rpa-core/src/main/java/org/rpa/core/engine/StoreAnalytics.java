package org.rpa.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.rpa.core.analytics.Analytics;
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
import org.rpa.core.store.AnalyticsStore;

/** {@link Analytics} on the store, with "now" from the orchestrator's clock. Thread-safe. */
final class StoreAnalytics implements Analytics {
  private final AnalyticsStore store;
  private final Clock clock;

  StoreAnalytics(AnalyticsStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public TimeWindow last(Duration period) {
    return TimeWindow.endingNow(clock.instant(), period);
  }

  @Override
  public List<ExecutionStats> statistics(TimeWindow window, GroupBy by) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(by, "by");
    return store.statistics(window, by, true);
  }

  @Override
  public List<ExecutionStats> summaries(TimeWindow window, GroupBy by) {
    Objects.requireNonNull(window, "window");
    Objects.requireNonNull(by, "by");
    return store.statistics(window, by, false);
  }

  @Override
  public ExecutionStats jobStatistics(JobId job) {
    return store.jobStatistics(Objects.requireNonNull(job, "job"));
  }

  @Override
  public JobCounts jobCounts() {
    return store.jobCounts();
  }

  @Override
  public LiveCounts liveCounts() {
    return store.liveCounts();
  }

  @Override
  public OutcomeCounts outcomes(TimeWindow window) {
    return store.outcomes(Objects.requireNonNull(window, "window"));
  }

  @Override
  public Page<ExecutionEntry> executions(ExecutionQuery query) {
    return store.executions(Objects.requireNonNull(query, "query"));
  }

  @Override
  public long countExecutions(ExecutionFilter filter) {
    return store.countExecutions(Objects.requireNonNull(filter, "filter"));
  }

  @Override
  public long queueDepth() {
    return store.queueDepth();
  }

  @Override
  public HealingStats healing(TimeWindow window) {
    return store.healing(window);
  }
}
