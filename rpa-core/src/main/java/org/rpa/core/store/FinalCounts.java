package org.rpa.core.store;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.JobStatus;

/**
 * The count of jobs in each final status, {@code job_final_counts}: one row per status, created by
 * migration 16, changed in the transaction that ends jobs (by {@link TransitionWrites}) or deletes
 * them (the retention purge), so that counting the finished jobs reads three rows, not every job. A
 * final status is final, so a job is counted once. The rows are updated in one order, so that two
 * transactions never wait on each other in a cycle.
 */
final class FinalCounts {
  /** The final statuses, in the order their rows are updated. */
  static final List<JobStatus> STATUSES =
      List.of(JobStatus.CANCELLED, JobStatus.COMPLETED, JobStatus.FAILED);

  private static final String ADD = "UPDATE job_final_counts SET jobs = jobs + ? WHERE status = ?";

  private FinalCounts() {}

  /**
   * Adds {@code deltas} (by final status; other statuses are ignored) in the caller's transaction.
   */
  static void add(Handle handle, Map<JobStatus, Long> deltas) {
    try (RowBatch rows = RowBatch.of(handle, "final counts", ADD)) {
      for (JobStatus status : STATUSES) {
        long delta = deltas.getOrDefault(status, 0L);
        if (delta != 0) {
          rows.set(delta).set(status.name()).add();
        }
      }
      rows.execute();
    }
  }

  /**
   * Counts the jobs of each final status again, from the jobs: for rows written around the store.
   */
  static void rebuild(Handle handle) {
    var counts = new EnumMap<JobStatus, Long>(JobStatus.class);
    handle
        .createQuery(
            "SELECT status, COUNT(*) AS jobs FROM jobs"
                + " WHERE status IN ('CANCELLED', 'COMPLETED', 'FAILED') GROUP BY status")
        .map((rs, ctx) -> Map.entry(JobStatus.valueOf(rs.getString("status")), rs.getLong("jobs")))
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    for (JobStatus status : STATUSES) {
      handle
          .createUpdate("UPDATE job_final_counts SET jobs = :jobs WHERE status = :status")
          .bind("jobs", counts.getOrDefault(status, 0L))
          .bind("status", status.name())
          .execute();
    }
  }

  /** The statements of migration 16 that create and fill the table. */
  static final List<String> CREATE =
      List.of(
          "CREATE TABLE job_final_counts (status VARCHAR(16) PRIMARY KEY, jobs BIGINT NOT NULL)",
          "INSERT INTO job_final_counts (status, jobs) VALUES ('CANCELLED', 0), ('COMPLETED', 0),"
              + " ('FAILED', 0)",
          "UPDATE job_final_counts SET jobs ="
              + " (SELECT COUNT(*) FROM jobs WHERE jobs.status = job_final_counts.status)");
}
