package org.rpa.core.job;

import org.rpa.core.RpaException;

/** No job has this id. */
public final class JobNotFoundException extends RpaException {
  private final long jobId;

  public JobNotFoundException(long jobId) {
    super("Job " + jobId + " not found");
    this.jobId = jobId;
  }

  public long jobId() {
    return jobId;
  }
}
