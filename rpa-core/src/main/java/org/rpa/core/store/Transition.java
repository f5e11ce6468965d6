package org.rpa.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobStatus;

/**
 * One status change for the store to apply, conditionally: a move of a job from one {@link
 * JobPosition} to another, which takes effect only if the job still stands at {@code from}. That
 * condition is what keeps a stale executor from overwriting a job's new owner. Make one with the
 * factory of its kind ({@link #claim}, {@link #start}, {@link #complete}, {@link #retry}, {@link
 * #release}, {@link #cancel}, …); the store checks every pair against {@link
 * org.rpa.core.job.JobTransitions} before it writes it.
 *
 * @param from where the job must stand for the change to apply
 * @param to where it stands afterwards
 * @param outcome the result or error to record on the job; null leaves both
 * @param execution what happens to the execution row; null when none is touched
 */
public record Transition(
    JobIdentity job,
    JobPosition from,
    JobPosition to,
    JobTimes times,
    JobOutcome outcome,
    ExecutionChange execution,
    JobLogEntry log) {

  /** The error type of a job failed because its deadline passed. */
  public static final String EXPIRED = "DeadlineExpired";

  /** The log reason of a move between QUEUED and SCHEDULED by a change of run_at. */
  public static final String RUN_AT_CHANGED = "run_at changed";

  public Transition {
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(times, "times");
    Objects.requireNonNull(log, "log");
  }

  /** A claim of a QUEUED job by {@code job.owner()}, spending one attempt. */
  public static Transition claim(ClaimedJob job, Instant at) {
    var from = new JobPosition(StatementMove.CLAIM.from(), job.occurrence(), job.attempts(), null);
    var log = new JobLogEntry(at, job.owner(), null);
    return new Transition(job.identity(), from, claimed(job), JobTimes.NONE, null, null, log);
  }

  /** The owner of a claimed job starts it: CLAIMED to RUNNING, with its execution row. */
  public static Transition start(ClaimedJob job, Instant at) {
    var running = new JobPosition(JobStatus.RUNNING, job.occurrence(), job.attempt(), job.owner());
    var execution = ExecutionChange.start(job.attempt(), job.owner());
    var log = new JobLogEntry(at, job.owner(), null);
    var started = JobTimes.startedAt(at);
    return new Transition(job.identity(), claimed(job), running, started, null, execution, log);
  }

  /**
   * The executor that claimed {@code job} gives it back unstarted: CLAIMED to QUEUED, with the
   * attempt its claim spent returned.
   */
  public static Transition release(ClaimedJob job, Instant at, String reason) {
    return givenBack(job, JobStatus.QUEUED, JobTimes.NONE, at, reason);
  }

  /**
   * The executor that claimed {@code job} holds it back until {@code until}: CLAIMED to SCHEDULED,
   * with the attempt its claim spent returned, as {@link #release} does.
   */
  public static Transition hold(ClaimedJob job, Instant until, Instant at, String reason) {
    return givenBack(job, JobStatus.SCHEDULED, JobTimes.runAt(until), at, reason);
  }

  /** A claimed job its owner finds past its deadline before it starts ends FAILED. */
  public static Transition expireClaimed(ClaimedJob job, Instant at) {
    return expired(job.identity(), claimed(job), job.owner(), at);
  }

  /** A QUEUED job found past its deadline as it was about to be claimed ends FAILED. */
  public static Transition expireQueued(ClaimedJob job, Instant at) {
    var queued = new JobPosition(JobStatus.QUEUED, job.occurrence(), job.attempts(), null);
    return expired(job.identity(), queued, null, at);
  }

  /** A job the sweeper finds past its deadline before it started ends FAILED. */
  public static Transition expire(LeasedJob job, Instant at) {
    var found = new JobPosition(job.status(), job.occurrence(), job.attempts(), null);
    return expired(job.identity(), found, null, at);
  }

  /** A SCHEDULED job whose run_at has come is QUEUED. */
  public static Transition promote(
      long jobId, String provider, String action, int occurrence, int attempts, Instant at) {
    var move = StatementMove.PROMOTE;
    var scheduled = new JobPosition(move.from(), occurrence, attempts, null);
    var job = new JobIdentity(jobId, provider, action);
    return moved(job, scheduled, move.to(), new JobLogEntry(at, null, "due"));
  }

  /** A job that has not started moves between QUEUED and SCHEDULED because its run_at changed. */
  public static Transition runAtChanged(Job job, JobStatus to, Instant at) {
    return runAtChanged(JobIdentity.of(job), JobPosition.of(job), to, at);
  }

  /** The same, for a job read as its identity and position. */
  static Transition runAtChanged(JobIdentity job, JobPosition from, JobStatus to, Instant at) {
    return moved(job, from, to, new JobLogEntry(at, null, RUN_AT_CHANGED));
  }

  /** A cancel by request; a RUNNING job's execution ends CANCELLED too. */
  public static Transition cancel(Job job, Instant at) {
    var error = new JobError("Cancelled", "Cancelled by request");
    var from = JobPosition.of(job);
    ExecutionChange execution = null;
    if (job.status() == JobStatus.RUNNING) {
      var status = ExecutionStatus.CANCELLED;
      execution =
          new ExecutionChange(
              job.attempts(), status, job.leaseOwner(), null, null, error, List.of());
    }
    var log = new JobLogEntry(at, null, "cancelled by request");
    return endedWithError(JobIdentity.of(job), from, JobStatus.CANCELLED, error, execution, log);
  }

  /** A claim whose owner stopped renewing its lease is QUEUED again, its attempt spent. */
  public static Transition requeueOrphan(LeasedJob job, Instant at) {
    return moved(job.identity(), orphan(job), JobStatus.QUEUED, orphaned(at));
  }

  /** A claim whose owner stopped renewing its lease, with no attempts left, ends FAILED. */
  public static Transition failOrphan(LeasedJob job, JobError error, Instant at) {
    return endedWithError(job.identity(), orphan(job), JobStatus.FAILED, error, null, orphaned(at));
  }

  /** An execution that succeeded ends its job COMPLETED. */
  public static Transition complete(
      Lease lease, ExecutionChange execution, Instant at, String reason) {
    var completed = lease.running().moveTo(JobStatus.COMPLETED);
    return ended(lease, completed, JobTimes.finishedAt(at), execution, at, reason);
  }

  /** An execution that failed with no retry left ends its job FAILED. */
  public static Transition fail(Lease lease, ExecutionChange execution, Instant at, String reason) {
    var failed = lease.running().moveTo(JobStatus.FAILED);
    return ended(lease, failed, JobTimes.finishedAt(at), execution, at, reason);
  }

  /**
   * A failed execution with attempts left: the job is QUEUED when {@code delay} is zero, else
   * SCHEDULED to run after it.
   */
  public static Transition retry(
      Lease lease, Duration delay, ExecutionChange execution, Instant at, String reason) {
    var again = lease.running().moveTo(delay.isZero() ? JobStatus.QUEUED : JobStatus.SCHEDULED);
    return ended(lease, again, JobTimes.runAt(at.plus(delay)), execution, at, reason);
  }

  /** A recurring job's execution ended: its next occurrence is SCHEDULED at {@code next}. */
  public static Transition nextOccurrence(
      Lease lease, Instant next, ExecutionChange execution, Instant at, String reason) {
    var scheduled = new JobPosition(JobStatus.SCHEDULED, lease.occurrence() + 1, 0, null);
    return ended(lease, scheduled, new JobTimes(next, null, at), execution, at, reason);
  }

  /** The job's attempt number this change belongs to, for the log: the attempt after it. */
  public int attemptForLog() {
    return to.attempts();
  }

  /**
   * The lease an execution ran under: which job, occurrence and attempt, and which executor.
   *
   * @param owner the executor that holds the lease; the change is accepted only from it
   */
  public record Lease(
      long jobId, String provider, String action, int occurrence, int attempt, String owner) {
    /** Where the job stands while the execution runs: RUNNING, leased to {@code owner}. */
    JobPosition running() {
      return new JobPosition(JobStatus.RUNNING, occurrence, attempt, owner);
    }
  }

  /** CLAIMED by {@code job.owner()}, at its claimed attempt. */
  private static JobPosition claimed(ClaimedJob job) {
    return new JobPosition(JobStatus.CLAIMED, job.occurrence(), job.attempt(), job.owner());
  }

  /** Back from its owner's claim, unstarted, with the attempt the claim spent returned. */
  private static Transition givenBack(
      ClaimedJob job, JobStatus status, JobTimes times, Instant at, String reason) {
    var back = new JobPosition(status, job.occurrence(), job.attempts(), null);
    var log = new JobLogEntry(at, job.owner(), reason);
    return new Transition(job.identity(), claimed(job), back, times, null, null, log);
  }

  private static Transition expired(JobIdentity job, JobPosition from, String owner, Instant at) {
    var error = new JobError(EXPIRED, "Deadline passed before the job started");
    var log = new JobLogEntry(at, owner, "expired");
    return endedWithError(job, from, JobStatus.FAILED, error, null, log);
  }

  /** A move to the final status {@code to} that records {@code error}, finished as logged. */
  private static Transition endedWithError(
      JobIdentity job,
      JobPosition from,
      JobStatus to,
      JobError error,
      ExecutionChange execution,
      JobLogEntry log) {
    var finished = JobTimes.finishedAt(log.at());
    var outcome = new JobOutcome(null, error);
    return new Transition(job, from, from.moveTo(to), finished, outcome, execution, log);
  }

  /** A change of status alone, at the same occurrence and attempts. */
  private static Transition moved(
      JobIdentity job, JobPosition from, JobStatus to, JobLogEntry log) {
    return new Transition(job, from, from.moveTo(to), JobTimes.NONE, null, null, log);
  }

  /** CLAIMED by the owner whose lease expired. */
  private static JobPosition orphan(LeasedJob job) {
    return new JobPosition(JobStatus.CLAIMED, job.occurrence(), job.attempts(), job.owner());
  }

  private static JobLogEntry orphaned(Instant at) {
    return new JobLogEntry(at, null, "lease expired");
  }

  private static Transition ended(
      Lease lease,
      JobPosition to,
      JobTimes times,
      ExecutionChange execution,
      Instant at,
      String reason) {
    var job = new JobIdentity(lease.jobId(), lease.provider(), lease.action());
    var outcome = new JobOutcome(execution.result(), execution.error());
    var log = new JobLogEntry(at, lease.owner(), reason);
    return new Transition(job, lease.running(), to, times, outcome, execution, log);
  }
}
