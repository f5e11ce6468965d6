package org.rpa.core.store;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.rpa.core.analytics.JobCounts;
import org.rpa.core.analytics.LiveCounts;
import org.rpa.core.analytics.OutcomeCounts;
import org.rpa.core.analytics.TimeWindow;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobStatus;

/**
 * Job and execution counts that read neither the finished jobs nor a count of every row, whatever
 * their number (migration 16). The live statuses are ranges of the claim index (QUEUED, CLAIMED,
 * RUNNING) and of the SCHEDULED jobs, the only rows read, for the retries among them; the final
 * statuses and the RECURRING jobs are kept counted ({@link JobCounters}), and ONE_TIME is every job
 * less the RECURRING ones. The statements of one figure run in one repeatable-read transaction, so
 * they see one state of the store.
 */
final class JobCountQueries {
  /** The claimed, running and queued jobs by status: the claim index alone. */
  static final String LEASED_AND_QUEUED =
      "SELECT status, COUNT(*) AS jobs FROM jobs"
          + " WHERE status IN ('QUEUED', 'CLAIMED', 'RUNNING') GROUP BY status";

  /** The SCHEDULED jobs and those among them that wait for a retry (their rows are read). */
  static final String SCHEDULED =
      "SELECT COUNT(*) AS jobs, COALESCE(SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END), 0)"
          + " AS waiting FROM jobs WHERE status = 'SCHEDULED'";

  /**
   * The executions of a window that ends now ({@link TimeWindow#endsNow}: no upper bound) and the
   * unsuccessful ones, on {@code job_executions_finished}.
   */
  static final String OUTCOMES_SINCE =
      "SELECT COUNT(*) AS total,"
          + " COALESCE(SUM(CASE WHEN status IN ('FAILED', 'TIMEOUT') THEN 1 ELSE 0 END), 0)"
          + " AS unsuccessful FROM job_executions"
          + " WHERE finished_at >= :from";

  /** The same for a window {@code [from, to)}. */
  static final String OUTCOMES = OUTCOMES_SINCE + " AND finished_at < :to";

  private JobCountQueries() {}

  /** The live jobs by status. */
  static LiveCounts live(Handle handle) {
    return inSnapshot(handle, JobCountQueries::readLive);
  }

  /** Every status, zero included. */
  static Map<JobStatus, Long> byStatus(Handle handle) {
    return inSnapshot(handle, h -> byStatus(h, readLive(h)));
  }

  /** Every status, the retries among the SCHEDULED, and the kinds. */
  static JobCounts jobCounts(Handle handle) {
    return inSnapshot(
        handle,
        h -> {
          LiveCounts live = readLive(h);
          Map<JobStatus, Long> byStatus = byStatus(h, live);
          long all = byStatus.values().stream().mapToLong(Long::longValue).sum();
          long recurring = JobCounters.read(h).getOrDefault(JobCounters.RECURRING, 0L);
          var byKind = new EnumMap<JobKind, Long>(JobKind.class);
          byKind.put(JobKind.RECURRING, recurring);
          byKind.put(JobKind.ONE_TIME, Math.max(0, all - recurring));
          return new JobCounts(byStatus, live.waitingForRetry(), byKind);
        });
  }

  /** The executions that finished in {@code window}, and the FAILED or TIMEOUT ones. */
  static OutcomeCounts outcomes(Handle handle, TimeWindow window) {
    var query =
        handle
            .createQuery(window.endsNow() ? OUTCOMES_SINCE : OUTCOMES)
            .bindByType("from", window.from(), Instant.class);
    if (!window.endsNow()) {
      query.bindByType("to", window.to(), Instant.class);
    }
    return query
        .map((rs, ctx) -> new OutcomeCounts(rs.getLong("total"), rs.getLong("unsuccessful")))
        .one();
  }

  private static LiveCounts readLive(Handle handle) {
    Map<JobStatus, Long> leased = counts(handle, LEASED_AND_QUEUED);
    return handle
        .createQuery(SCHEDULED)
        .map(
            (rs, ctx) ->
                new LiveCounts(
                    rs.getLong("jobs") - rs.getLong("waiting"),
                    rs.getLong("waiting"),
                    leased.getOrDefault(JobStatus.QUEUED, 0L),
                    leased.getOrDefault(JobStatus.CLAIMED, 0L),
                    leased.getOrDefault(JobStatus.RUNNING, 0L)))
        .one();
  }

  /** Every status: the live ones given, the final ones as kept counted. */
  private static Map<JobStatus, Long> byStatus(Handle handle, LiveCounts live) {
    Map<String, Long> counters = JobCounters.read(handle);
    var byStatus = new EnumMap<JobStatus, Long>(JobStatus.class);
    byStatus.put(JobStatus.SCHEDULED, live.scheduled());
    byStatus.put(JobStatus.QUEUED, live.queued());
    byStatus.put(JobStatus.CLAIMED, live.claimed());
    byStatus.put(JobStatus.RUNNING, live.running());
    for (JobStatus status : JobCounters.FINAL) {
      byStatus.put(status, counters.getOrDefault(status.name(), 0L));
    }
    return byStatus;
  }

  private static Map<JobStatus, Long> counts(Handle handle, String sql) {
    var counts = new EnumMap<JobStatus, Long>(JobStatus.class);
    handle
        .createQuery(sql)
        .map((rs, ctx) -> Map.entry(JobStatus.valueOf(rs.getString("status")), rs.getLong("jobs")))
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    return counts;
  }

  /** Runs {@code read} in one repeatable-read transaction: its statements see one snapshot. */
  private static <T> T inSnapshot(Handle handle, HandleCallback<T, RuntimeException> read) {
    return handle.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, read);
  }
}
