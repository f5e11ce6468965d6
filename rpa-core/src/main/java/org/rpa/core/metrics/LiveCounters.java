package org.rpa.core.metrics;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what the dispatcher does, since start, and the pick-up and claim latencies.
 *
 * <p>Thread-safe. The {@code on*} methods and the latency recorders are built for the hot path:
 * lock-free ({@link LongAdder}) and allocation-free.
 */
public final class LiveCounters {
  private final LongAdder submitted = new LongAdder();
  private final LongAdder claimed = new LongAdder();
  private final LongAdder started = new LongAdder();
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failedBusiness = new LongAdder();
  private final LongAdder failedTechnical = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder timedOut = new LongAdder();
  private final LongAdder cancelled = new LongAdder();
  private final LongAdder recovered = new LongAdder();
  private final LongAdder expired = new LongAdder();
  private final LatencyRecorder pickUpLatency = new LatencyRecorder();
  private final LatencyRecorder claimLatency = new LatencyRecorder();

  public void onSubmitted() {
    submitted.increment();
  }

  public void onClaimed() {
    claimed.increment();
  }

  public void onStarted() {
    started.increment();
  }

  public void onSucceeded() {
    succeeded.increment();
  }

  /** A job failed for a business reason (the portal said no); not retried. */
  public void onFailedBusiness() {
    failedBusiness.increment();
  }

  /** A job failed for a technical reason (a crash, a lost browser); may be retried. */
  public void onFailedTechnical() {
    failedTechnical.increment();
  }

  public void onRetried() {
    retried.increment();
  }

  public void onTimedOut() {
    timedOut.increment();
  }

  public void onCancelled() {
    cancelled.increment();
  }

  /** A job whose lease expired was taken back by the sweeper. */
  public void onRecovered() {
    recovered.increment();
  }

  /** A job's deadline passed before it could run. */
  public void onExpired() {
    expired.increment();
  }

  /** Submit → start latency; record in nanoseconds. */
  public LatencyRecorder pickUpLatency() {
    return pickUpLatency;
  }

  /** Claim latency (how long a claim query took); record in nanoseconds. */
  public LatencyRecorder claimLatency() {
    return claimLatency;
  }

  /** All counters and latency statistics now. Allocates; not for the hot path. */
  public LiveView view() {
    return new LiveView(
        submitted.sum(),
        claimed.sum(),
        started.sum(),
        succeeded.sum(),
        failedBusiness.sum(),
        failedTechnical.sum(),
        retried.sum(),
        timedOut.sum(),
        cancelled.sum(),
        recovered.sum(),
        expired.sum(),
        pickUpLatency.snapshot(),
        claimLatency.snapshot());
  }
}
