package org.rpa.core.store;

import java.time.Duration;
import java.time.Instant;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;

/**
 * A validated request with its defaults resolved, ready to insert.
 *
 * @param status QUEUED when due now, SCHEDULED when run_at is in the future: the two statuses a job
 *     is created in (a submit-time hand-off then claims a QUEUED one, as {@link
 *     StatementMove#CLAIM})
 */
public record NewJob(
    JobRequest request, JobStatus status, Instant runAt, int maxAttempts, Duration timeout) {

  /**
   * @throws IllegalArgumentException if {@code status} is neither QUEUED nor SCHEDULED
   */
  public NewJob {
    if (status != JobStatus.QUEUED && status != JobStatus.SCHEDULED) {
      throw new IllegalArgumentException("A job is created QUEUED or SCHEDULED, not " + status);
    }
  }

  /**
   * The job as its insert writes it, with {@code id}, at {@code now}: the row {@link
   * JobStore#insertAndClaim} stores, CLAIMED by {@code claimedBy} (null: not claimed) with its
   * first attempt when a hand-off took it.
   */
  public Job stored(JobId id, Instant now, String claimedBy) {
    boolean claimed = claimedBy != null;
    return new Job(
        id,
        request.provider(),
        request.action(),
        request.kind(),
        claimed ? StatementMove.CLAIM.to() : status,
        request.priority(),
        request.params(),
        runAt,
        request.deadline(),
        claimed ? 1 : 0,
        1,
        maxAttempts,
        timeout,
        request.reference(),
        request.idempotencyKey(),
        request.recurrence(),
        now,
        now,
        null,
        null,
        null,
        null,
        claimedBy);
  }
}
