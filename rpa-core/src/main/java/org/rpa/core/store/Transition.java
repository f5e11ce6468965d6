package org.rpa.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Step;

/**
 * One status change for the store to apply, conditionally: it takes effect only if the job is still
 * in {@code from}, at the expected occurrence and attempt count, and (when {@code expectedOwner} is
 * set) still leased by that executor. That condition is what keeps a stale executor from
 * overwriting a job's new owner.
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

  public Transition {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
  }

  /**
   * A change of status alone: attempts and occurrence stay, nothing else is recorded.
   *
   * @param expectedOwner see the record; null means no owner check
   * @param newOwner see the record; null clears the lease
   */
  public static Transition move(
      long jobId,
      String provider,
      String action,
      JobStatus from,
      JobStatus to,
      int occurrence,
      int attempts,
      String expectedOwner,
      String newOwner,
      Instant at,
      String executor,
      String reason) {
    return new Transition(
        jobId,
        provider,
        action,
        from,
        to,
        occurrence,
        attempts,
        expectedOwner,
        occurrence,
        attempts,
        newOwner,
        null,
        null,
        null,
        null,
        null,
        at,
        executor,
        reason);
  }

  /**
   * A job not started by its deadline ends FAILED as expired.
   *
   * @param expectedOwner the executor that holds it (when CLAIMED); null for none
   */
  public static Transition expire(
      long jobId,
      String provider,
      String action,
      JobStatus from,
      int occurrence,
      int attempts,
      String expectedOwner,
      Instant at) {
    var error = new JobError(EXPIRED, "Deadline passed before the job started");
    return new Transition(
        jobId,
        provider,
        action,
        from,
        JobStatus.FAILED,
        occurrence,
        attempts,
        expectedOwner,
        occurrence,
        attempts,
        null,
        null,
        null,
        at,
        new Outcome(null, error),
        null,
        at,
        expectedOwner,
        "expired");
  }

  /** The error type of a job failed because its deadline passed. */
  public static final String EXPIRED = "DeadlineExpired";

  /**
   * The executor that claimed {@code job} starts it: CLAIMED to RUNNING, with its execution row.
   */
  public static Transition start(ClaimedJob job, Instant at) {
    String owner = job.owner();
    var execution =
        new ExecutionChange(
            job.attempt(), ExecutionStatus.RUNNING, owner, null, null, null, List.of());
    return new Transition(
        job.id().value(),
        job.provider(),
        job.action(),
        JobStatus.CLAIMED,
        JobStatus.RUNNING,
        job.occurrence(),
        job.attempt(),
        owner,
        job.occurrence(),
        job.attempt(),
        owner,
        null,
        at,
        null,
        null,
        execution,
        at,
        owner,
        null);
  }

  /**
   * The executor that claimed {@code job} gives it back unstarted: CLAIMED to QUEUED, with the
   * attempt its claim spent returned.
   */
  public static Transition release(ClaimedJob job, Instant at, String reason) {
    String owner = job.owner();
    return new Transition(
        job.id().value(),
        job.provider(),
        job.action(),
        JobStatus.CLAIMED,
        JobStatus.QUEUED,
        job.occurrence(),
        job.attempt(),
        owner,
        job.occurrence(),
        job.attempts(),
        null,
        null,
        null,
        null,
        null,
        null,
        at,
        owner,
        reason);
  }

  /** The job's attempt number this change belongs to, for the log: the attempt after it. */
  public int attemptForLog() {
    return newAttempts;
  }

  /**
   * What a job records of its last execution: a result (on success) or an error.
   *
   * @param result null unless the execution succeeded
   * @param error null unless it failed
   */
  public record Outcome(Map<String, Object> result, JobError error) {}

  /**
   * A change to the execution row of ({@code jobId}, {@code occurrence}, attempt).
   *
   * @param attempt the execution's attempt
   * @param status RUNNING inserts the row (a start); any other status finishes it
   * @param duration null on a start
   * @param result null unless it succeeded
   * @param error null unless it failed
   * @param steps the steps recorded, stored when it finishes
   */
  public record ExecutionChange(
      int attempt,
      ExecutionStatus status,
      String executor,
      Duration duration,
      Map<String, Object> result,
      JobError error,
      List<Step> steps) {
    public ExecutionChange {
      Objects.requireNonNull(status, "status");
      steps = List.copyOf(steps);
    }

    public boolean isStart() {
      return status == ExecutionStatus.RUNNING;
    }
  }
}
