package org.rpa.server.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.rpa.core.dispatch.ClaimBatch;
import org.rpa.core.dispatch.Degradation;
import org.rpa.core.dispatch.PipelineStatus;
import org.rpa.core.dispatch.Wakeups;
import org.rpa.core.health.ServiceStatus;
import org.rpa.server.Timestamps;

/**
 * The body of {@code GET /api/system/pipeline}, in snake_case: {@code file_watcher} is the job
 * intake, {@code batch_aggregator} the claim batches in flight, {@code degradation} what still
 * works. Instants inside a batch are epoch seconds, durations seconds, both with milliseconds.
 */
final class PipelineView {
  /** At most this many batches are listed, the oldest first; {@code active_batches} counts all. */
  static final int MAX_BATCHES = 100;

  private PipelineView() {}

  record PipelineBody(
      FileWatcher fileWatcher,
      BatchAggregator batchAggregator,
      DegradationView degradation,
      String timestamp) {}

  /**
   * The intake: {@code pending_tasks} are the QUEUED jobs; {@code observer_type} is {@code native}
   * when a submit wakes the dispatcher, {@code polling} when the poll finds it.
   */
  record FileWatcher(
      boolean running,
      long pendingTasks,
      String observerType,
      String wakeChannel,
      String wakeState,
      double pollIntervalSeconds) {}

  /**
   * The batches; {@code batch_window_seconds} is the job timeout (how long a batch's job may run),
   * {@code idle_timeout_seconds} the lease (how long a batch outlives an executor that stopped
   * renewing it).
   */
  record BatchAggregator(
      int activeBatches,
      List<BatchView> batches,
      long batchWindowSeconds,
      long idleTimeoutSeconds,
      int maxBatchSize) {}

  record BatchView(
      String batchId,
      String executorId,
      int size,
      int running,
      double startedAt,
      double ageSeconds,
      double lastActivitySeconds) {}

  record DegradationView(
      String mode,
      boolean isDegraded,
      boolean redisHealthy,
      int memoryQueueSize,
      Map<String, Long> fallbackQueues,
      List<ServiceHealthView> services,
      List<String> availableFeatures,
      List<String> reasons,
      ExecutorCounts executors) {}

  /** One probed service: {@code status} as in the full health, {@code unknown} before a probe. */
  record ServiceHealthView(
      String name, String status, String lastCheck, int consecutiveFailures, String errorMessage) {}

  record ExecutorCounts(int inProcess, int remoteOnline, int remoteConfigured) {}

  static PipelineBody body(PipelineStatus status, String timestamp) {
    Wakeups wakeups = status.intake().wakeups();
    var limits = status.limits();
    return new PipelineBody(
        new FileWatcher(
            status.intake().running(),
            status.intake().pendingJobs(),
            wakeups.observerType(),
            wakeups.mechanism().label(),
            wakeups.state().label(),
            seconds(wakeups.pollInterval())),
        new BatchAggregator(
            status.batches().size(),
            status.batches().stream().limit(MAX_BATCHES).map(PipelineView::batch).toList(),
            limits.jobTimeout().toSeconds(),
            limits.lease().toSeconds(),
            limits.maxBatchSize()),
        degradation(status.degradation(), wakeups),
        timestamp);
  }

  private static BatchView batch(ClaimBatch batch) {
    return new BatchView(
        batch.id().toString(),
        batch.executorId(),
        batch.size(),
        batch.running(),
        epochSeconds(batch.startedAt()),
        seconds(batch.age()),
        seconds(batch.idle()));
  }

  private static DegradationView degradation(Degradation degradation, Wakeups wakeups) {
    return new DegradationView(
        degradation.mode().label(),
        degradation.isDegraded(),
        wakeups.pushed(),
        degradation.memoryQueueSize(),
        degradation.waitingByType(),
        degradation.services().stream().map(PipelineView::service).toList(),
        degradation.availableFeatures(),
        degradation.reasons(),
        new ExecutorCounts(
            degradation.inProcessExecutors(),
            degradation.remoteOnline(),
            degradation.remoteConfigured()));
  }

  private static ServiceHealthView service(ServiceStatus service) {
    return new ServiceHealthView(
        service.name(),
        FullHealthView.status(service),
        service.lastCheck() == null ? null : Timestamps.format(service.lastCheck()),
        service.consecutiveFailures(),
        service.error());
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private static double epochSeconds(Instant instant) {
    return instant.toEpochMilli() / 1000.0;
  }
}
