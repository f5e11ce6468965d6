package org.rpa.core.analytics;

/**
 * How many jobs are live now, by status: read from the claim and due indexes only, so cheap enough
 * to poll every second whatever the number of finished jobs. The same figures as {@link JobCounts}
 * gives for these statuses.
 *
 * @param scheduledNotRetrying the SCHEDULED jobs that do not wait for a retry: delayed jobs and
 *     next occurrences
 * @param waitingForRetry the SCHEDULED jobs that wait for a retry (what a dashboard may call
 *     PENDING)
 * @param queued the jobs due and waiting for an executor
 * @param claimed the jobs an executor has claimed and not started yet
 * @param running the jobs an executor runs
 */
public record LiveCounts(
    long scheduledNotRetrying, long waitingForRetry, long queued, long claimed, long running) {
  public LiveCounts {
    if (scheduledNotRetrying < 0
        || waitingForRetry < 0
        || queued < 0
        || claimed < 0
        || running < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** Every SCHEDULED job, waiting for a retry or not. */
  public long scheduled() {
    return scheduledNotRetrying + waitingForRetry;
  }

  /** The jobs an executor holds: CLAIMED or RUNNING. */
  public long leased() {
    return claimed + running;
  }
}
