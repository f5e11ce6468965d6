package org.rpa.core.metrics;

import java.time.Instant;
import java.util.Objects;

/**
 * Job counts at one moment, as in {@code GET /metrics}'s history.
 *
 * @param queuedJobs jobs waiting for processing
 * @param runningJobs jobs executing now
 * @param completedJobs jobs that succeeded, in total
 * @param failedJobs jobs that failed, in total
 */
public record Snapshot(
    Instant timestamp, long queuedJobs, long runningJobs, long completedJobs, long failedJobs) {
  public Snapshot {
    Objects.requireNonNull(timestamp, "timestamp");
    checkCount("queuedJobs", queuedJobs);
    checkCount("runningJobs", runningJobs);
    checkCount("completedJobs", completedJobs);
    checkCount("failedJobs", failedJobs);
  }

  /** The same counts at another moment. */
  public Snapshot withTimestamp(Instant timestamp) {
    return new Snapshot(timestamp, queuedJobs, runningJobs, completedJobs, failedJobs);
  }

  private static void checkCount(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + " must be >= 0, but was " + value);
    }
  }
}
