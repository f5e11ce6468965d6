package org.rpa.core.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobStatus;
import org.rpa.core.remote.RemoteResult;
import org.rpa.core.remote.RemoteWorkers.Completion;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.JobStore;
import org.rpa.core.store.Transition;

/**
 * What the orchestrator does with remote workers' answers: a result reported for one attempt (by
 * callback or by poll), applied once, and a job its worker no longer has.
 *
 * <p>Thread-safe.
 */
final class RemoteResults {
  /** The error type of an attempt its worker no longer knows (it restarted, or lost it). */
  static final String WORKER_LOST_JOB = "WorkerLostJob";

  private final JobStore store;
  private final StateMachine states;
  private final Outcomes outcomes;
  private final Clock clock;

  RemoteResults(JobStore store, StateMachine states, Outcomes outcomes, Clock clock) {
    this.store = store;
    this.states = states;
    this.outcomes = outcomes;
    this.clock = clock;
  }

  /**
   * Applies a worker's result for one attempt: the job moves on (COMPLETED, FAILED, or back to the
   * queue for a retry) only if it is still leased to that worker for that occurrence and attempt. A
   * repeated report of a result already written changes nothing.
   */
  Completion complete(RemoteResult result) {
    Optional<Job> found = store.find(JobId.of(result.jobId()));
    if (found.isEmpty()) {
      return Completion.UNKNOWN_JOB;
    }
    Job job = found.get();
    if (!leasedFor(job, result.executorId(), result.occurrence(), result.attempt())) {
      return alreadyRecorded(result) ? Completion.DUPLICATE : Completion.CONFLICT;
    }
    Instant now = clock.instant();
    Transition finish =
        outcomes.finish(
            Outcomes.Run.of(job),
            result.status(),
            result.result(),
            result.error(),
            result.status() != ExecutionStatus.SUCCESS && result.retryable(),
            result.steps(),
            result.duration(),
            now,
            reason(result));
    if (job.status() == JobStatus.CLAIMED) {
      // The result overtook the dispatcher's start. Written on its own: the dispatcher may still
      // write its start first, and the finish must then apply all the same (a batch holding both
      // would be written as one change that takes effect only if the job is still CLAIMED).
      Instant startedAt = result.duration() == null ? now : now.minus(result.duration());
      states.apply(
          List.of(Transition.start(claimed(job), startedAt.isAfter(now) ? now : startedAt)));
    }
    List<Transition> applied = states.apply(List.of(finish));
    if (applied.contains(finish)) {
      return Completion.APPLIED;
    }
    // Lost a race with another report of the same attempt, or with the sweeper.
    return alreadyRecorded(result) ? Completion.DUPLICATE : Completion.CONFLICT;
  }

  private boolean alreadyRecorded(RemoteResult result) {
    return store.executions(JobId.of(result.jobId())).stream()
        .anyMatch(
            e ->
                e.occurrence() == result.occurrence()
                    && e.attempt() == result.attempt()
                    && e.executor().equals(result.executorId())
                    && e.status() != ExecutionStatus.RUNNING);
  }

  private static boolean leasedFor(Job job, String executor, int occurrence, int attempt) {
    return job.status().isLeased()
        && executor.equals(job.leaseOwner())
        && job.occurrence() == occurrence
        && job.attempts() == attempt;
  }

  private static String reason(RemoteResult result) {
    return switch (result.status()) {
      case SUCCESS -> null;
      case TIMEOUT -> "timeout";
      default -> result.retryable() ? "technical failure" : "business failure";
    };
  }

  /**
   * Moves on a job its worker says it does not have: back to the queue if it had not started,
   * failed as lost (and retried while attempts remain) if it had.
   *
   * @return APPLIED if the job moved, UNKNOWN_JOB if it is no longer leased to {@code executor}
   *     (the worker's list may forget it), CONFLICT if it changed meanwhile
   */
  Completion lost(long id, String executor) {
    Optional<Job> found = store.find(JobId.of(id));
    if (found.isEmpty()
        || !found.get().status().isLeased()
        || !executor.equals(found.get().leaseOwner())) {
      return Completion.UNKNOWN_JOB;
    }
    Job job = found.get();
    Instant now = clock.instant();
    Transition change;
    if (job.status() == JobStatus.CLAIMED) {
      change = Transition.release(claimed(job), now, "worker does not have it");
    } else {
      var error =
          new JobError(WORKER_LOST_JOB, "Worker " + executor + " no longer knows this attempt");
      change =
          outcomes.finish(
              Outcomes.Run.of(job),
              ExecutionStatus.FAILED,
              null,
              error,
              true,
              List.of(),
              null,
              now,
              "technical failure");
    }
    return states.apply(List.of(change)).isEmpty() ? Completion.CONFLICT : Completion.APPLIED;
  }

  private static ClaimedJob claimed(Job job) {
    return new ClaimedJob(
        job.id(),
        job.provider(),
        job.action(),
        job.kind(),
        job.params(),
        job.occurrence(),
        job.attempts() - 1,
        job.maxAttempts(),
        job.timeout(),
        job.runAt(),
        job.deadline(),
        job.recurrence(),
        job.leaseOwner());
  }
}
