package org.rpa.core.store;

import java.time.Instant;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobStatus;

/**
 * A job a sweeper found: leased by an executor whose lease expired, or past its deadline.
 *
 * @param owner null when no executor holds it
 * @param deadline null when there is none
 * @param recurrence null for a ONE_TIME job
 */
public record LeasedJob(
    JobId id,
    String provider,
    String action,
    JobKind kind,
    JobStatus status,
    int occurrence,
    int attempts,
    int maxAttempts,
    String owner,
    Instant deadline,
    String recurrence) {

  JobIdentity identity() {
    return new JobIdentity(id.value(), provider, action);
  }
}
