package org.rpa.core.store;

import java.time.Instant;
import java.util.List;
import org.rpa.core.StoreException;
import org.rpa.core.metrics.MetricsHistory;
import org.rpa.core.metrics.Snapshot;

/**
 * The {@link SnapshotLog} on the job store's database. A period is claimed by inserting its row:
 * the primary key on {@code period_start} refuses a second one, and that refusal is the answer
 * "another process has it". Thread-safe.
 */
final class JdbcSnapshotLog implements SnapshotLog {
  private final JdbcJobStore store;

  JdbcSnapshotLog(JdbcJobStore store) {
    this.store = store;
  }

  @Override
  public boolean record(Snapshot snapshot) {
    Instant period = MetricsHistory.periodOf(snapshot.timestamp());
    try {
      return store.write(
          "record metrics snapshot",
          handle ->
              handle
                      .createUpdate(
                          "INSERT INTO metrics_snapshots (period_start, taken_at, queued_jobs,"
                              + " running_jobs, completed_jobs, failed_jobs) VALUES (:period, :at,"
                              + " :queued, :running, :completed, :failed)")
                      .bind("period", period)
                      .bind("at", snapshot.timestamp())
                      .bind("queued", snapshot.queuedJobs())
                      .bind("running", snapshot.runningJobs())
                      .bind("completed", snapshot.completedJobs())
                      .bind("failed", snapshot.failedJobs())
                      .execute()
                  == 1);
    } catch (StoreException e) {
      if (JdbcJobStore.isUniqueViolation(e)) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public List<Snapshot> newestFirst(Instant from, Instant to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("to " + to + " is before from " + from);
    }
    return store.read(
        "metrics history",
        handle ->
            handle
                .createQuery(
                    "SELECT taken_at, queued_jobs, running_jobs, completed_jobs, failed_jobs"
                        + " FROM metrics_snapshots WHERE taken_at >= :from AND taken_at <= :to"
                        + " ORDER BY taken_at DESC")
                .bind("from", from)
                .bind("to", to)
                .map(
                    (rs, ctx) ->
                        new Snapshot(
                            RowMappers.instant(rs, "taken_at"),
                            rs.getLong("queued_jobs"),
                            rs.getLong("running_jobs"),
                            rs.getLong("completed_jobs"),
                            rs.getLong("failed_jobs")))
                .list());
  }

  @Override
  public int pruneBefore(Instant cutoff) {
    return store.write(
        "prune metrics snapshots",
        handle ->
            handle
                .createUpdate("DELETE FROM metrics_snapshots WHERE taken_at < :cutoff")
                .bind("cutoff", cutoff)
                .execute());
  }

  @Override
  public int count() {
    return store.read(
        "count metrics snapshots",
        handle ->
            handle
                .createQuery("SELECT COUNT(*) FROM metrics_snapshots")
                .mapTo(Integer.class)
                .one());
  }
}
