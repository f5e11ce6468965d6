package org.rpa.core.job;

import org.rpa.core.RpaException;

/**
 * An update of a job's priority, run_at or parameters once it has left SCHEDULED and QUEUED: an
 * executor may already be running it with the values it had. Cancelling is still possible.
 */
public final class JobNotEditableException extends RpaException {
  private final long jobId;
  private final JobStatus status;

  public JobNotEditableException(long jobId, JobStatus status) {
    super(
        "Job "
            + jobId
            + " is "
            + status
            + ": its priority, run_at and parameters change only while it is SCHEDULED or QUEUED");
    this.jobId = jobId;
    this.status = status;
  }

  public long jobId() {
    return jobId;
  }

  public JobStatus status() {
    return status;
  }
}
