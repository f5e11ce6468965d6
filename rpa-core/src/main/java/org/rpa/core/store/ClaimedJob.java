package org.rpa.core.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobKind;

/**
 * A job an executor has just claimed: everything it needs to run it without reading the store
 * again.
 *
 * @param attempts attempts spent on this occurrence before this claim; the claim spends one more,
 *     because a crash may strike after the handler began and before its start was written
 * @param deadline null when there is none
 * @param recurrence null for a ONE_TIME job
 */
public record ClaimedJob(
    JobId id,
    String provider,
    String action,
    JobKind kind,
    Map<String, Object> params,
    int occurrence,
    int attempts,
    int maxAttempts,
    Duration timeout,
    Instant runAt,
    Instant deadline,
    String recurrence,
    String owner) {

  public String type() {
    return provider + "." + action;
  }

  /** The attempt this claim runs, as the store counts it now. */
  public int attempt() {
    return attempts + 1;
  }

  JobIdentity identity() {
    return new JobIdentity(id.value(), provider, action);
  }
}
