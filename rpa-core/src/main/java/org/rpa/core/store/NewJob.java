package org.rpa.core.store;

import java.time.Duration;
import java.time.Instant;
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
}
