package org.rpa.core.job;

/**
 * The one status of a job. See {@link JobTransitions} for the legal moves between them.
 *
 * <ul>
 *   <li>{@link #SCHEDULED}: its run_at is in the future (delayed, waiting for a retry, or the next
 *       occurrence of a recurring job);
 *   <li>{@link #QUEUED}: due, waiting for an executor;
 *   <li>{@link #CLAIMED}: leased by an executor, not started yet;
 *   <li>{@link #RUNNING}: a handler is working on it;
 *   <li>{@link #COMPLETED}, {@link #FAILED}, {@link #CANCELLED}: final.
 * </ul>
 */
public enum JobStatus {
  SCHEDULED,
  QUEUED,
  CLAIMED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  /** True for the statuses a job never leaves. */
  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** True while an executor holds the job's lease. */
  public boolean isLeased() {
    return this == CLAIMED || this == RUNNING;
  }
}
