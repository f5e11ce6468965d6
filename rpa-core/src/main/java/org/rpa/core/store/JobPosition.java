package org.rpa.core.store;

import java.util.Objects;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobStatus;

/**
 * Where a job stands, as a {@link Transition} sees it: its status, occurrence and attempt count,
 * and its lease holder. As a transition's {@code from} it is the condition of the change; as its
 * {@code to}, what the job row holds afterwards.
 *
 * @param owner the lease holder; as a condition, null means no owner check, and as a result, null
 *     clears the lease
 */
public record JobPosition(JobStatus status, int occurrence, int attempts, String owner) {
  public JobPosition {
    Objects.requireNonNull(status, "status");
  }

  /** Where a stored job stands, with no owner check. */
  static JobPosition of(Job job) {
    return new JobPosition(job.status(), job.occurrence(), job.attempts(), null);
  }

  /** The same occurrence and attempt count in {@code status}, leased to nobody. */
  JobPosition moveTo(JobStatus status) {
    return new JobPosition(status, occurrence, attempts, null);
  }
}
