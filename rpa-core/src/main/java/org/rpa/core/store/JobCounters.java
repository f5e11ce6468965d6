package org.rpa.core.store;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.JobStatus;

/**
 * What the store keeps counted of its jobs, in {@code job_counters} (migration 16): the jobs in
 * each final status and the RECURRING jobs, one row each, so that counting them reads four rows
 * rather than every finished job. Changed in the transactions that change them: the writes that end
 * jobs ({@link TransitionWrites}), the submits of recurring jobs ({@link Inserts}) and the
 * retention purge ({@link Sweeps}). A final status and a kind never change, so a job is counted
 * once. The rows are updated in one order (that of {@link #COUNTED}), so that two transactions
 * never wait on each other in a cycle.
 */
final class JobCounters {
  /** The final statuses, in the order of their rows. */
  static final List<JobStatus> FINAL =
      List.of(JobStatus.CANCELLED, JobStatus.COMPLETED, JobStatus.FAILED);

  /** The row of the RECURRING jobs. */
  static final String RECURRING = "RECURRING";

  /** Every row, in the order they are updated. */
  static final List<String> COUNTED = List.of("CANCELLED", "COMPLETED", "FAILED", RECURRING);

  /** Every row. */
  static final String READ = "SELECT counted, jobs FROM job_counters";

  private static final String ADD = "UPDATE job_counters SET jobs = jobs + ? WHERE counted = ?";

  private JobCounters() {}

  /**
   * Adds {@code deltas} (by row: a final status's name or {@link #RECURRING}) in the caller's
   * transaction.
   */
  static void add(Handle handle, Map<String, Long> deltas) {
    if (deltas.values().stream().allMatch(delta -> delta == 0)) {
      return;
    }
    try (RowBatch rows = RowBatch.of(handle, "job counters", ADD)) {
      for (String counted : COUNTED) {
        long delta = deltas.getOrDefault(counted, 0L);
        if (delta != 0) {
          rows.set(delta).set(counted).add();
        }
      }
      rows.execute();
    }
  }

  /** The rows, by name. */
  static Map<String, Long> read(Handle handle) {
    var counts = new java.util.HashMap<String, Long>();
    handle
        .createQuery(READ)
        .map((rs, ctx) -> Map.entry(rs.getString("counted"), rs.getLong("jobs")))
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    return counts;
  }

  /** Counts the rows again from the jobs: for jobs written around the store. */
  static void rebuild(Handle handle) {
    var counts = new EnumMap<JobStatus, Long>(JobStatus.class);
    handle
        .createQuery(
            "SELECT status, COUNT(*) AS jobs FROM jobs"
                + " WHERE status IN ('CANCELLED', 'COMPLETED', 'FAILED') GROUP BY status")
        .map((rs, ctx) -> Map.entry(JobStatus.valueOf(rs.getString("status")), rs.getLong("jobs")))
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    for (JobStatus status : FINAL) {
      set(handle, status.name(), counts.getOrDefault(status, 0L));
    }
    set(
        handle,
        RECURRING,
        handle
            .createQuery("SELECT COUNT(*) FROM jobs WHERE kind = 'RECURRING'")
            .mapTo(Long.class)
            .one());
  }

  private static void set(Handle handle, String counted, long jobs) {
    handle
        .createUpdate("UPDATE job_counters SET jobs = :jobs WHERE counted = :counted")
        .bind("jobs", jobs)
        .bind("counted", counted)
        .execute();
  }
}
