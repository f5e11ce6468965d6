package org.rpa.core.engine;

import org.rpa.core.alert.AlertInputs;
import org.rpa.core.alert.AlertSettings;
import org.rpa.core.alert.Alerts;
import org.rpa.core.analytics.Analytics;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.analytics.JobCounts;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.job.JobStatus;
import org.rpa.core.schedule.Schedules;
import org.rpa.core.store.JobStore;

/**
 * What the alert rules read, from the engine's own views: the store's statistics and counts, the
 * fleet and the scheduler. A read that fails because the store is down throws, and {@link Alerts}
 * then fires {@code DatabaseUnhealthy} alone.
 */
final class AlertSource implements Alerts.Source {
  private final JobStore store;
  private final Analytics analytics;
  private final Fleet fleet;
  private final Schedules schedules;

  AlertSource(JobStore store, Analytics analytics, Fleet fleet, Schedules schedules) {
    this.store = store;
    this.analytics = analytics;
    this.fleet = fleet;
    this.schedules = schedules;
  }

  @Override
  public AlertInputs read(AlertSettings settings) {
    store.ping();
    ExecutionStats window = analytics.totals(analytics.last(settings.successRateWindow()));
    long recent = analytics.outcomes(analytics.last(settings.quietPeriod())).total();
    JobCounts jobs = analytics.jobCounts();
    long completed = jobs.count(JobStatus.COMPLETED);
    long failed = jobs.count(JobStatus.FAILED);
    Fleet.Summary executors = fleet.summary();
    return new AlertInputs(
        window.total() == 0 ? null : 100.0 * window.success() / window.total(),
        recent,
        jobs.count(JobStatus.SCHEDULED),
        true,
        completed + failed == 0 ? null : 100.0 * failed / (completed + failed),
        analytics.queueDepth(),
        Math.min(100.0, 100.0 * executors.utilisation()),
        executors.online(),
        schedules.status().running());
  }
}
