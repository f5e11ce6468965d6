package org.rpa.core.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Submit, find, change, cancel and wait for jobs. Every method is thread-safe. A submit returns
 * only after the job is committed to the store.
 */
public interface Jobs {

  /**
   * Submits one job; durable when this returns.
   *
   * @throws org.rpa.core.InvalidRequestException for an unknown provider or action or a bad field;
   *     nothing is stored
   * @throws IdempotencyConflictException if its idempotency key or reference was used with another
   *     request; nothing is stored
   * @throws org.rpa.core.StoreException if the store failed
   */
  default JobId submit(JobRequest request) {
    return submitTracked(request).id();
  }

  /** Submits one job and says whether it was created or matched an earlier one. */
  Submission submitTracked(JobRequest request);

  /**
   * Submits many jobs in one transaction: all are stored, or none (an {@link
   * IdempotencyConflictException} for one of them, against a stored job or an earlier one of the
   * batch, stores none).
   */
  List<Submission> submitAll(List<JobRequest> requests);

  Optional<Job> find(JobId id);

  /**
   * The job.
   *
   * @throws JobNotFoundException if there is none
   */
  default Job get(JobId id) {
    return find(id).orElseThrow(() -> new JobNotFoundException(id.value()));
  }

  /** Jobs matching the filter, newest first. */
  Page<Job> query(JobQuery query);

  /** A job's executions, oldest first. */
  List<Execution> executions(JobId id);

  /** The recorded steps of one execution of the job's current occurrence, in order. */
  List<Step> steps(JobId id, int attempt);

  /**
   * The recorded steps of one execution, in order: of {@code attempt} of {@code occurrence} (as
   * {@link Execution#occurrence()} and {@link Execution#attempt()} say); empty if it has none.
   */
  List<Step> steps(JobId id, int occurrence, int attempt);

  /** How many jobs are in each status. */
  Map<JobStatus, Long> countByStatus();

  /**
   * Deletes the jobs that ended (COMPLETED, FAILED or CANCELLED) before {@code cutoff}, with their
   * executions, steps and log, in batches; the daily retention task does this for jobs older than
   * the builder's {@code jobRetention}.
   *
   * @return how many jobs it deleted
   */
  int purgeFinishedBefore(Instant cutoff);

  /**
   * Changes a job that has not started (SCHEDULED or QUEUED).
   *
   * @throws JobNotFoundException if there is none
   * @throws JobNotEditableException if it has been claimed, has started or has ended
   */
  Job update(JobId id, JobUpdate update);

  /**
   * Cancels a job. A running job's handler is signalled to stop; its result is then ignored.
   *
   * @throws JobNotFoundException if there is none
   * @throws IllegalJobTransitionException if it already ended
   */
  Job cancel(JobId id);

  /**
   * Waits until the job ends (COMPLETED, FAILED or CANCELLED) or {@code timeout} passes, and
   * returns it as it is then: check its status.
   *
   * @throws JobNotFoundException if there is none
   */
  Job await(JobId id, Duration timeout) throws InterruptedException;
}
