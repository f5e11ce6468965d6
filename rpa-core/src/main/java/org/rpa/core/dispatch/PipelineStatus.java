package org.rpa.core.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The dispatch pipeline at one instant.
 *
 * @param intake how jobs come in
 * @param batches the claim batches in flight, oldest first, every executor's
 * @param limits the engine's settings that bound a batch
 * @param degradation what still works
 * @param at when it was read, by the clock
 */
public record PipelineStatus(
    Intake intake,
    List<ClaimBatch> batches,
    BatchLimits limits,
    Degradation degradation,
    Instant at) {
  public PipelineStatus {
    Objects.requireNonNull(intake, "intake");
    batches = List.copyOf(batches);
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(degradation, "degradation");
    Objects.requireNonNull(at, "at");
  }

  /**
   * Job intake: submits are written to the store and wake the dispatcher, which claims them.
   *
   * @param running whether this orchestrator's dispatcher loop runs
   * @param pendingJobs QUEUED jobs: due and waiting for an executor
   */
  public record Intake(boolean running, long pendingJobs, Wakeups wakeups) {
    public Intake {
      Objects.requireNonNull(wakeups, "wakeups");
    }
  }

  /**
   * What bounds a claim batch.
   *
   * @param maxBatchSize jobs one claim takes at most
   * @param jobTimeout how long a job of the batch may run unless it says otherwise
   * @param lease how long a batch's jobs stay leased to an executor that stops renewing its lease
   *     (its heartbeat), before they are recovered
   */
  public record BatchLimits(int maxBatchSize, Duration jobTimeout, Duration lease) {
    public BatchLimits {
      Objects.requireNonNull(jobTimeout, "jobTimeout");
      Objects.requireNonNull(lease, "lease");
    }
  }
}
