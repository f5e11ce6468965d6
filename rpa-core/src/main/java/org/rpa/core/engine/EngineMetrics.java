package org.rpa.core.engine;

import java.time.Clock;
import java.util.Map;
import org.rpa.core.analytics.GroupBy;
import org.rpa.core.analytics.TimeWindow;
import org.rpa.core.event.EventBus;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.JobStatus;
import org.rpa.core.metrics.LiveCounters;
import org.rpa.core.metrics.Metrics;
import org.rpa.core.metrics.Snapshot;
import org.rpa.core.store.JobStore;

/**
 * The engine's metrics: the four documented counters from the store (queued = SCHEDULED + QUEUED,
 * running = CLAIMED + RUNNING), and live counters fed by the job events. Not API.
 */
final class EngineMetrics {
  private EngineMetrics() {}

  static Metrics create(JobStore store, EventBus events, Clock clock, EngineHooks hooks) {
    var metrics = new Metrics(clock, () -> snapshot(store, clock), store.snapshotLog());
    hooks.gauges().forEach(metrics::gauge);
    metrics.durationSource(
        (from, to) ->
            store
                .analytics()
                .statistics(new TimeWindow(from, to), GroupBy.NONE, true)
                .get(0)
                .durations());
    metrics.performance().poolSource(() -> store.poolUse().orElse(null));
    LiveCounters live = metrics.live();
    events.subscribe(JobStateChanged.class, event -> count(live, event));
    return metrics;
  }

  static Snapshot snapshot(JobStore store, Clock clock) {
    Map<JobStatus, Long> counts = store.countByStatus();
    return new Snapshot(
        clock.instant(),
        counts.get(JobStatus.SCHEDULED) + counts.get(JobStatus.QUEUED),
        counts.get(JobStatus.CLAIMED) + counts.get(JobStatus.RUNNING),
        counts.get(JobStatus.COMPLETED),
        counts.get(JobStatus.FAILED));
  }

  private static void count(LiveCounters live, JobStateChanged event) {
    if (event.from() == null) {
      live.onSubmitted();
      return;
    }
    String reason = event.reason() == null ? "" : event.reason();
    switch (JobStatus.valueOf(event.to())) {
      case CLAIMED -> live.onClaimed();
      case RUNNING -> live.onStarted();
      case COMPLETED -> live.onSucceeded();
      case CANCELLED -> live.onCancelled();
      case FAILED -> failed(live, reason);
      case SCHEDULED, QUEUED -> requeued(live, event, reason);
    }
  }

  private static void failed(LiveCounters live, String reason) {
    switch (reason) {
      case "expired" -> live.onExpired();
      case "business failure" -> live.onFailedBusiness();
      case "timeout" -> {
        live.onTimedOut();
        live.onFailedTechnical();
      }
      case "lease expired" -> {
        live.onRecovered();
        live.onFailedTechnical();
      }
      default -> live.onFailedTechnical();
    }
  }

  private static void requeued(LiveCounters live, JobStateChanged event, String reason) {
    if (reason.equals("lease expired")) {
      live.onRecovered();
    }
    if (event.from().equals("RUNNING") && !reason.equals("next occurrence")) {
      live.onRetried();
      if (reason.equals("timeout")) {
        live.onTimedOut();
      }
    }
  }
}
