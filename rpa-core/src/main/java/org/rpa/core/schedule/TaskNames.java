package org.rpa.core.schedule;

import java.util.Set;

/**
 * The names of the five background tasks every orchestrator registers, as {@code GET /scheduler}
 * lists them; pass one to {@link Schedules#runNow} or to {@code onBackgroundTask} to add work to
 * it.
 */
public final class TaskNames {
  /** Wakes the dispatcher, every 30 seconds (a safety net: submits wake it at once). */
  public static final String POLL_JOB_QUEUE = "poll_job_queue";

  /** Takes a metrics snapshot, every 5 minutes. */
  public static final String COLLECT_METRICS = "collect_metrics";

  /** Deletes screenshots and finished jobs past their retention, daily at 02:00. */
  public static final String CLEANUP_OLD_EVIDENCE = "cleanup_old_evidence";

  /** Recovers jobs whose lease expired, every 10 minutes. */
  public static final String RECOVER_STALE_JOBS = "recover_stale_jobs";

  /** Asks remote workers how their jobs are doing, every 30 seconds. */
  public static final String POLL_WORKER_JOB_STATUS = "poll_worker_job_status";

  /** Every task's name. */
  public static final Set<String> ALL =
      Set.of(
          POLL_JOB_QUEUE,
          COLLECT_METRICS,
          CLEANUP_OLD_EVIDENCE,
          RECOVER_STALE_JOBS,
          POLL_WORKER_JOB_STATUS);

  private TaskNames() {}
}
