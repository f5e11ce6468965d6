package org.rpa.core.job;

import java.util.Objects;

/**
 * The answer to a submit: the job's id, whether this submit created it ({@code false} when an
 * idempotency key or reference matched an earlier job, whose id this is), and the job as the submit
 * stored it.
 *
 * @param job the job as this submit committed it (its status QUEUED or SCHEDULED, or CLAIMED when
 *     an idle thread of this executor took it at once), what {@link Jobs#get} would have read at
 *     the commit, without reading it; null when {@code created} is false (read the earlier job with
 *     {@link Jobs#get}) or when the store did not say
 */
public record Submission(JobId id, boolean created, Job job) {
  public Submission {
    Objects.requireNonNull(id, "id");
    if (job != null && (!created || !job.id().equals(id))) {
      throw new IllegalArgumentException("A submission carries only the job it created, " + id);
    }
  }

  /** A submission without the job. */
  public Submission(JobId id, boolean created) {
    this(id, created, null);
  }
}
