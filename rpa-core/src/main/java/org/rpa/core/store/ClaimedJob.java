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
 * @param attempts executions already started for this occurrence; this run will be attempts + 1
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

  /** The attempt this claim will run. */
  public int attempt() {
    return attempts + 1;
  }
}
