package org.rpa.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobStatus;

/**
 * One status change for the store to apply, conditionally: it takes effect only if the job is still
 * in {@code from}, at the expected occurrence and attempt count, and (when {@code expectedOwner} is
 * set) still leased by that executor. That condition is what keeps a stale executor from
 * overwriting a job's new owner. Make one with the factory of its kind ({@link #claim}, {@link
 * #start}, {@link #complete}, {@link #retry}, {@link #release}, {@link #cancel}, …); the store
 * checks every pair against {@link org.rpa.core.job.JobTransitions} before it writes it.
 *
 * @param expectedOwner the lease holder the change must come from; null means no owner check
 * @param newOwner the lease holder afterwards; null clears the lease
 * @param runAt the new run_at; null leaves it
 * @param startedAt the new started_at; null leaves it
 * @param finishedAt the new finished_at; null leaves it
 * @param outcome the result or error to record on the job; null leaves both
 * @param execution what happens to the execution row; null when none is touched
 * @param executor who made the change, for the log; null for the API and sweepers
 */
public record Transition(
    long jobId,
    String provider,
    String action,
    JobStatus from,
    JobStatus to,
    int occurrence,
    int attempts,
    String expectedOwner,
    int newOccurrence,
    int newAttempts,
    String newOwner,
    Instant runAt,
    Instant startedAt,
    Instant finishedAt,
    Outcome outcome,
    ExecutionChange execution,
    Instant at,
    String executor,
    String reason) {

  /** The error type of a job failed because its deadline passed. */
  public static final String EXPIRED = "DeadlineExpired";

  /** The log reason of a move between QUEUED and SCHEDULED by a change of run_at. */
  public static final String RUN_AT_CHANGED = "run_at changed";

  public Transition {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
  }

  /** A claim of a QUEUED job by {@code job.owner()}, spending one attempt. */
  public static Transition claim(ClaimedJob job, Instant at) {
    var move = StatementMove.CLAIM;
    return TransitionBuilder.of(job, move.from(), move.to(), job.attempts(), at)
        .attempts(job.attempt())
        .leaseTo(job.owner())
        .by(job.owner())
        .build();
  }

  /**
   * The executor that claimed {@code job} starts it: CLAIMED to RUNNING, with its execution row.
   */
  public static Transition start(ClaimedJob job, Instant at) {
    String owner = job.owner();
    var execution =
        new ExecutionChange(
            job.attempt(), ExecutionStatus.RUNNING, owner, null, null, null, List.of());
    return claimed(job, JobStatus.RUNNING, at)
        .leaseTo(owner)
        .startedAt(at)
        .execution(execution)
        .build();
  }

  /**
   * The executor that claimed {@code job} gives it back unstarted: CLAIMED to QUEUED, with the
   * attempt its claim spent returned.
   */
  public static Transition release(ClaimedJob job, Instant at, String reason) {
    return givenBack(job, JobStatus.QUEUED, at, reason).build();
  }

  /**
   * The executor that claimed {@code job} holds it back until {@code until}: CLAIMED to SCHEDULED,
   * with the attempt its claim spent returned, as {@link #release} does.
   */
  public static Transition hold(ClaimedJob job, Instant until, Instant at, String reason) {
    return givenBack(job, JobStatus.SCHEDULED, at, reason).runAt(until).build();
  }

  /** A claimed job its owner finds past its deadline before it starts ends FAILED. */
  public static Transition expireClaimed(ClaimedJob job, Instant at) {
    return expired(claimed(job, JobStatus.FAILED, at), job.owner(), at);
  }

  /** A QUEUED job found past its deadline as it was about to be claimed ends FAILED. */
  public static Transition expireQueued(ClaimedJob job, Instant at) {
    var builder = TransitionBuilder.of(job, JobStatus.QUEUED, JobStatus.FAILED, job.attempts(), at);
    return expired(builder, null, at);
  }

  /** A job the sweeper finds past its deadline before it started ends FAILED. */
  public static Transition expire(LeasedJob job, Instant at) {
    return expired(TransitionBuilder.of(job, job.status(), JobStatus.FAILED, at), null, at);
  }

  /** A SCHEDULED job whose run_at has come is QUEUED. */
  public static Transition promote(
      long jobId, String provider, String action, int occurrence, int attempts, Instant at) {
    var move = StatementMove.PROMOTE;
    return TransitionBuilder.of(
            jobId, provider, action, move.from(), move.to(), occurrence, attempts, at)
        .reason("due")
        .build();
  }

  /** A job that has not started moves between QUEUED and SCHEDULED because its run_at changed. */
  public static Transition runAtChanged(Job job, JobStatus to, Instant at) {
    return TransitionBuilder.of(job, to, at).reason(RUN_AT_CHANGED).build();
  }

  /** A cancel by request; a RUNNING job's execution ends CANCELLED too. */
  public static Transition cancel(Job job, Instant at) {
    var error = new JobError("Cancelled", "Cancelled by request");
    var builder =
        TransitionBuilder.of(job, JobStatus.CANCELLED, at)
            .finishedAt(at)
            .outcome(new Outcome(null, error))
            .reason("cancelled by request");
    if (job.status() == JobStatus.RUNNING) {
      var status = ExecutionStatus.CANCELLED;
      builder.execution(
          new ExecutionChange(
              job.attempts(), status, job.leaseOwner(), null, null, error, List.of()));
    }
    return builder.build();
  }

  /** A claim whose owner stopped renewing its lease is QUEUED again, its attempt spent. */
  public static Transition requeueOrphan(LeasedJob job, Instant at) {
    return orphan(job, JobStatus.QUEUED, at).build();
  }

  /** A claim whose owner stopped renewing its lease, with no attempts left, ends FAILED. */
  public static Transition failOrphan(LeasedJob job, JobError error, Instant at) {
    return orphan(job, JobStatus.FAILED, at)
        .finishedAt(at)
        .outcome(new Outcome(null, error))
        .build();
  }

  /** An execution that succeeded ends its job COMPLETED. */
  public static Transition complete(
      Lease lease, ExecutionChange execution, Instant at, String reason) {
    return ended(lease, JobStatus.COMPLETED, execution, at, reason).finishedAt(at).build();
  }

  /** An execution that failed with no retry left ends its job FAILED. */
  public static Transition fail(Lease lease, ExecutionChange execution, Instant at, String reason) {
    return ended(lease, JobStatus.FAILED, execution, at, reason).finishedAt(at).build();
  }

  /**
   * A failed execution with attempts left: the job is QUEUED when {@code delay} is zero, else
   * SCHEDULED to run after it.
   */
  public static Transition retry(
      Lease lease, Duration delay, ExecutionChange execution, Instant at, String reason) {
    JobStatus to = delay.isZero() ? JobStatus.QUEUED : JobStatus.SCHEDULED;
    return ended(lease, to, execution, at, reason).runAt(at.plus(delay)).build();
  }

  /** A recurring job's execution ended: its next occurrence is SCHEDULED at {@code next}. */
  public static Transition nextOccurrence(
      Lease lease, Instant next, ExecutionChange execution, Instant at, String reason) {
    return ended(lease, JobStatus.SCHEDULED, execution, at, reason)
        .occurrence(lease.occurrence() + 1)
        .attempts(0)
        .runAt(next)
        .finishedAt(at)
        .build();
  }

  /** The job's attempt number this change belongs to, for the log: the attempt after it. */
  public int attemptForLog() {
    return newAttempts;
  }

  /**
   * The lease an execution ran under: which job, occurrence and attempt, and which executor.
   *
   * @param owner the executor that holds the lease; the change is accepted only from it
   */
  public record Lease(
      long jobId, String provider, String action, int occurrence, int attempt, String owner) {}

  /**
   * What a job records of its last execution: a result (on success) or an error.
   *
   * @param result null unless the execution succeeded
   * @param error null unless it failed
   */
  public record Outcome(Map<String, Object> result, JobError error) {}

  /** From CLAIMED by {@code job.owner()}, at its claimed attempt. */
  private static TransitionBuilder claimed(ClaimedJob job, JobStatus to, Instant at) {
    return TransitionBuilder.of(job, JobStatus.CLAIMED, to, job.attempt(), at)
        .owner(job.owner())
        .by(job.owner());
  }

  /** Back from its owner's claim, unstarted, with the attempt the claim spent returned. */
  private static TransitionBuilder givenBack(
      ClaimedJob job, JobStatus to, Instant at, String reason) {
    return claimed(job, to, at).attempts(job.attempts()).reason(reason);
  }

  private static Transition expired(TransitionBuilder builder, String owner, Instant at) {
    var error = new JobError(EXPIRED, "Deadline passed before the job started");
    return builder
        .owner(owner)
        .by(owner)
        .finishedAt(at)
        .outcome(new Outcome(null, error))
        .reason("expired")
        .build();
  }

  private static TransitionBuilder orphan(LeasedJob job, JobStatus to, Instant at) {
    return TransitionBuilder.of(job, JobStatus.CLAIMED, to, at)
        .owner(job.owner())
        .reason("lease expired");
  }

  private static TransitionBuilder ended(
      Lease lease, JobStatus to, ExecutionChange execution, Instant at, String reason) {
    return TransitionBuilder.of(lease, to, at)
        .outcome(new Outcome(execution.result(), execution.error()))
        .execution(execution)
        .reason(reason);
  }
}
