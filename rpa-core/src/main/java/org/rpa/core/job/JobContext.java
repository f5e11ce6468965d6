package org.rpa.core.job;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * What a {@link JobHandler} gets: the job's parameters, which attempt this is, a stable idempotency
 * key, a cancellation signal, and a step recorder. Valid for one execution.
 */
public interface JobContext {

  JobId jobId();

  String provider();

  String action();

  /** The job's parameters, a JSON object. */
  Map<String, Object> params();

  /** This execution's attempt, from 1. */
  int attempt();

  /** {@code <job id>:<attempt>}: the same for a repeat of this attempt, different for the next. */
  default String idempotencyKey() {
    return jobId().value() + ":" + attempt();
  }

  /** True once the job was cancelled or timed out; the handler should stop soon. */
  boolean isCancelled();

  /**
   * Waits up to {@code timeout} for the cancellation signal.
   *
   * @return true if cancelled
   * @throws InterruptedException if the thread is interrupted (which cancellation also does)
   */
  boolean awaitCancellation(Duration timeout) throws InterruptedException;

  /** Throws {@link JobCancelledException} if the job was cancelled or timed out. */
  default void throwIfCancelled() {
    if (isCancelled()) {
      throw new JobCancelledException(jobId().value(), attempt());
    }
  }

  /** Records the steps of this execution. */
  StepRecorder steps();

  /** The orchestrator's clock. */
  Clock clock();
}
