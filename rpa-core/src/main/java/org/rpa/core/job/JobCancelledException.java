package org.rpa.core.job;

import org.rpa.core.RpaException;

/** Thrown inside a handler (by {@link JobContext#throwIfCancelled()}) once its job was stopped. */
public final class JobCancelledException extends RpaException {
  private final long jobId;
  private final int attempt;

  public JobCancelledException(long jobId, int attempt) {
    super("Job " + jobId + " attempt " + attempt + " was cancelled");
    this.jobId = jobId;
    this.attempt = attempt;
  }

  public long jobId() {
    return jobId;
  }

  public int attempt() {
    return attempt;
  }
}
