package org.rpa.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.Step;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.ExecutionChange;
import org.rpa.core.store.LeasedJob;
import org.rpa.core.store.Transition;

/**
 * Decides where a job goes when an execution ends: COMPLETED, FAILED, back to SCHEDULED for a retry
 * after a backoff, or on to its next occurrence. Used by executors when a handler returns and by
 * the lease sweeper when an executor died. Thread-safe.
 */
final class Outcomes {
  /** The error type of an execution whose executor stopped renewing its lease. */
  public static final String LEASE_EXPIRED = "LeaseExpired";

  /** The error type of an execution that ran past its job's timeout. */
  public static final String TIMEOUT = "Timeout";

  private final Function<String, RetryPolicy> policies;
  private final NextOccurrence nextOccurrence;
  private final RandomGenerator random;

  /**
   * @param policies the retry policy of a job type ({@code provider.action})
   */
  public Outcomes(
      Function<String, RetryPolicy> policies,
      NextOccurrence nextOccurrence,
      RandomGenerator random) {
    this.policies = policies;
    this.nextOccurrence = nextOccurrence;
    this.random = random;
  }

  /** The job an execution belongs to, as far as deciding its next status needs. */
  public record Run(
      long jobId,
      String provider,
      String action,
      JobKind kind,
      String recurrence,
      int occurrence,
      int attempt,
      int maxAttempts,
      String owner) {

    /** A stored job's current execution, by its lease owner. */
    public static Run of(Job job) {
      return new Run(
          job.id().value(),
          job.provider(),
          job.action(),
          job.kind(),
          job.recurrence(),
          job.occurrence(),
          job.attempts(),
          job.maxAttempts(),
          job.leaseOwner());
    }

    /** A leased job's current execution, by its lease owner. */
    public static Run of(LeasedJob job) {
      return new Run(
          job.id().value(),
          job.provider(),
          job.action(),
          job.kind(),
          job.recurrence(),
          job.occurrence(),
          job.attempts(),
          job.maxAttempts(),
          job.owner());
    }

    /** A claimed job's execution of its claimed attempt, by {@code owner}. */
    public static Run of(ClaimedJob job, String owner) {
      return new Run(
          job.id().value(),
          job.provider(),
          job.action(),
          job.kind(),
          job.recurrence(),
          job.occurrence(),
          job.attempt(),
          job.maxAttempts(),
          owner);
    }

    /** The lease this execution ran under. */
    public Transition.Lease lease() {
      return new Transition.Lease(jobId, provider, action, occurrence, attempt, owner);
    }
  }

  /**
   * The transition that ends {@code run}'s execution.
   *
   * @param status how the execution ended: SUCCESS, FAILED or TIMEOUT
   * @param result the handler's result on success; null otherwise
   * @param error why it failed; null on success
   * @param retryable true for a technical failure, a timeout or a lost lease
   * @param duration how long it ran; null when unknown
   * @param reason a few words for the log
   */
  public Transition finish(
      Run run,
      ExecutionStatus status,
      Map<String, Object> result,
      JobError error,
      boolean retryable,
      List<Step> steps,
      Duration duration,
      Instant now,
      String reason) {
    var execution =
        new ExecutionChange(run.attempt(), status, run.owner(), duration, result, error, steps);
    var lease = run.lease();
    if (status != ExecutionStatus.SUCCESS && retryable && run.attempt() < run.maxAttempts()) {
      Duration delay =
          policies.apply(run.provider() + "." + run.action()).delay(run.attempt(), random);
      return Transition.retry(lease, delay, execution, now, reason == null ? "retry" : reason);
    }
    if (run.kind() == JobKind.RECURRING) {
      Optional<Instant> next = nextOccurrence.after(run.recurrence(), now);
      if (next.isPresent()) {
        String why = reason == null ? "next occurrence" : reason;
        return Transition.nextOccurrence(lease, next.get(), execution, now, why);
      }
    }
    return status == ExecutionStatus.SUCCESS
        ? Transition.complete(lease, execution, now, reason)
        : Transition.fail(lease, execution, now, reason);
  }
}
