package org.rpa.core.store;

import java.time.Instant;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobStatus;

/**
 * Builds a {@link Transition} for its factories: a change from one status to another at a given
 * occurrence and attempt count, which keeps both, checks no owner, clears the lease, and touches
 * nothing else unless told. Not thread-safe; one per change.
 */
final class TransitionBuilder {
  private final long jobId;
  private final String provider;
  private final String action;
  private final JobStatus from;
  private final JobStatus to;
  private final int occurrence;
  private final int attempts;
  private final Instant at;
  private String expectedOwner;
  private int newOccurrence;
  private int newAttempts;
  private String newOwner;
  private Instant runAt;
  private Instant startedAt;
  private Instant finishedAt;
  private Transition.Outcome outcome;
  private ExecutionChange execution;
  private String executor;
  private String reason;

  private TransitionBuilder(
      long jobId,
      String provider,
      String action,
      JobStatus from,
      JobStatus to,
      int occurrence,
      int attempts,
      Instant at) {
    this.jobId = jobId;
    this.provider = provider;
    this.action = action;
    this.from = from;
    this.to = to;
    this.occurrence = occurrence;
    this.attempts = attempts;
    this.at = at;
    this.newOccurrence = occurrence;
    this.newAttempts = attempts;
  }

  static TransitionBuilder of(
      long jobId,
      String provider,
      String action,
      JobStatus from,
      JobStatus to,
      int occurrence,
      int attempts,
      Instant at) {
    return new TransitionBuilder(jobId, provider, action, from, to, occurrence, attempts, at);
  }

  /** A claimed job's change, its condition at {@code attempts}. */
  static TransitionBuilder of(
      ClaimedJob job, JobStatus from, JobStatus to, int attempts, Instant at) {
    return of(
        job.id().value(), job.provider(), job.action(), from, to, job.occurrence(), attempts, at);
  }

  /** A leased job's change, from {@code from}. */
  static TransitionBuilder of(LeasedJob job, JobStatus from, JobStatus to, Instant at) {
    long id = job.id().value();
    return of(id, job.provider(), job.action(), from, to, job.occurrence(), job.attempts(), at);
  }

  /** A stored job's change from the status it was read in. */
  static TransitionBuilder of(Job job, JobStatus to, Instant at) {
    long id = job.id().value();
    return of(
        id, job.provider(), job.action(), job.status(), to, job.occurrence(), job.attempts(), at);
  }

  /** The end of the execution that ran under {@code lease}: from RUNNING, by its owner. */
  static TransitionBuilder of(Transition.Lease lease, JobStatus to, Instant at) {
    return of(
            lease.jobId(),
            lease.provider(),
            lease.action(),
            JobStatus.RUNNING,
            to,
            lease.occurrence(),
            lease.attempt(),
            at)
        .owner(lease.owner())
        .by(lease.owner());
  }

  /** Applies only while {@code owner} holds the lease (null: no owner check). */
  TransitionBuilder owner(String owner) {
    this.expectedOwner = owner;
    return this;
  }

  TransitionBuilder occurrence(int newOccurrence) {
    this.newOccurrence = newOccurrence;
    return this;
  }

  TransitionBuilder attempts(int newAttempts) {
    this.newAttempts = newAttempts;
    return this;
  }

  /** Leaves the job leased to {@code owner}. */
  TransitionBuilder leaseTo(String owner) {
    this.newOwner = owner;
    return this;
  }

  TransitionBuilder runAt(Instant runAt) {
    this.runAt = runAt;
    return this;
  }

  TransitionBuilder startedAt(Instant startedAt) {
    this.startedAt = startedAt;
    return this;
  }

  TransitionBuilder finishedAt(Instant finishedAt) {
    this.finishedAt = finishedAt;
    return this;
  }

  TransitionBuilder outcome(Transition.Outcome outcome) {
    this.outcome = outcome;
    return this;
  }

  TransitionBuilder execution(ExecutionChange execution) {
    this.execution = execution;
    return this;
  }

  /** Logs the change as made by {@code executor} (null: the API or a sweeper). */
  TransitionBuilder by(String executor) {
    this.executor = executor;
    return this;
  }

  TransitionBuilder reason(String reason) {
    this.reason = reason;
    return this;
  }

  Transition build() {
    return new Transition(
        jobId,
        provider,
        action,
        from,
        to,
        occurrence,
        attempts,
        expectedOwner,
        newOccurrence,
        newAttempts,
        newOwner,
        runAt,
        startedAt,
        finishedAt,
        outcome,
        execution,
        at,
        executor,
        reason);
  }
}
