package org.rpa.core.job;

import org.rpa.core.RpaException;

/** A status change that {@link JobTransitions} does not allow, such as COMPLETED to RUNNING. */
public final class IllegalJobTransitionException extends RpaException {
  private final long jobId;
  private final JobStatus from;
  private final JobStatus to;

  public IllegalJobTransitionException(long jobId, JobStatus from, JobStatus to) {
    super("Job " + jobId + " cannot go from " + from + " to " + to);
    this.jobId = jobId;
    this.from = from;
    this.to = to;
  }

  public long jobId() {
    return jobId;
  }

  public JobStatus from() {
    return from;
  }

  public JobStatus to() {
    return to;
  }
}
