package org.rpa.core.metrics;

import java.util.concurrent.atomic.AtomicInteger;
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
  private final LatencyRecorder commitLatency = new LatencyRecorder();
  private final LongAdder committed = new LongAdder();
  private final AtomicInteger largestBatch = new AtomicInteger();
  private final LatencyRecorder submitCommitLatency = new LatencyRecorder();
  private final LongAdder submitsCommitted = new LongAdder();

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

  /** How long each of the writer's commits took; record in nanoseconds. */
  public LatencyRecorder commitLatency() {
    return commitLatency;
  }

  /**
   * The writer committed {@code transitions} starts and finishes in one transaction that took
   * {@code nanos}.
   */
  public void onCommitted(int transitions, long nanos) {
    commitLatency.record(nanos);
    committed.add(transitions);
    largestBatch.accumulateAndGet(transitions, Math::max);
  }

  /**
   * One insert transaction committed the jobs of {@code submits} submit calls ({@code jobs} jobs in
   * all) and took {@code nanos}: concurrent submits share transactions.
   */
  public void onSubmitCommitted(int submits, int jobs, long nanos) {
    submitCommitLatency.record(nanos);
    submitsCommitted.add(submits);
  }

  /** How long each submit transaction took, from its start to its commit; in nanoseconds. */
  public LatencyRecorder submitCommitLatency() {
    return submitCommitLatency;
  }

  /** Insert transactions that committed submitted jobs since start. */
  public long submitCommits() {
    return submitCommitLatency.totalCount();
  }

  /**
   * Submit calls whose jobs those transactions committed since start: above {@link
   * #submitCommits()} when concurrent submits shared transactions.
   */
  public long submitsCommitted() {
    return submitsCommitted.sum();
  }

  /** Jobs submitted since start. Each counter's getter reads it alone, allocating nothing. */
  public long submitted() {
    return submitted.sum();
  }

  /** Executions started since start; cheaper than {@link #view()}. */
  public long started() {
    return started.sum();
  }

  /** Executions that succeeded since start. */
  public long succeeded() {
    return succeeded.sum();
  }

  /** Executions that failed since start, for a business or a technical reason. */
  public long failed() {
    return failedBusiness.sum() + failedTechnical.sum();
  }

  /** Retries scheduled since start. */
  public long retried() {
    return retried.sum();
  }

  /** Jobs taken back from lost leases since start. */
  public long recovered() {
    return recovered.sum();
  }

  /** Starts and finishes the writer committed since start. */
  public long committed() {
    return committed.sum();
  }

  /** The most transitions one commit wrote since the last {@link #takeLargestBatch()}. */
  public int largestBatch() {
    return largestBatch.get();
  }

  /** {@link #largestBatch()}, which then starts again from zero. */
  public int takeLargestBatch() {
    return largestBatch.getAndSet(0);
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
