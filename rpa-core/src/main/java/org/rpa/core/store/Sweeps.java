package org.rpa.core.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.JobStatus;

/** The reads and deletes of the background sweepers: orphans, expiries, retention. */
final class Sweeps {
  private static final String LEASED_COLUMNS =
      "j.id, j.provider, j.action, j.kind, j.status, j.occurrence, j.attempts, j.max_attempts,"
          + " j.lease_owner, j.deadline, j.recurrence";

  private Sweeps() {}

  static List<LeasedJob> orphaned(Handle handle, Instant now, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + LEASED_COLUMNS
                + " FROM jobs j WHERE j.status IN ('CLAIMED', 'RUNNING')"
                + " AND NOT EXISTS (SELECT 1 FROM executors e WHERE e.id = j.lease_owner"
                + " AND e.lease_until > :now AND e.stopped_at IS NULL)"
                + " ORDER BY j.id LIMIT :limit")
        .bindByType("now", now, Instant.class)
        .bind("limit", limit)
        .map(RowMappers.LEASED)
        .list();
  }

  static List<LeasedJob> expired(Handle handle, Instant now, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + LEASED_COLUMNS
                + " FROM jobs j WHERE j.status IN ('SCHEDULED', 'QUEUED')"
                + " AND j.deadline IS NOT NULL AND j.deadline <= :now ORDER BY j.id LIMIT :limit")
        .bindByType("now", now, Instant.class)
        .bind("limit", limit)
        .map(RowMappers.LEASED)
        .list();
  }

  /** The tables that hold rows of a job, by its id; no foreign key ties them to it. */
  private static final String[] CHILDREN = {"job_steps", "job_executions", "job_log", "job_keys"};

  /**
   * Deletes up to {@code limit} jobs that finished before {@code cutoff}, with their rows, and the
   * hourly rollups of the hours that ended before it.
   */
  static int purge(Handle handle, Instant cutoff, int limit) {
    ExecutionRollups.purge(handle, cutoff);
    List<Long> ids =
        handle
            .createQuery(
                "SELECT id FROM jobs WHERE status IN ('COMPLETED', 'FAILED', 'CANCELLED')"
                    + " AND finished_at < :cutoff ORDER BY id LIMIT :limit")
            .bindByType("cutoff", cutoff, Instant.class)
            .bind("limit", limit)
            .mapTo(Long.class)
            .list();
    if (ids.isEmpty()) {
      return 0;
    }
    for (String child : CHILDREN) {
      handle
          .createUpdate("DELETE FROM " + child + " WHERE job_id IN (<ids>)")
          .bindList("ids", ids)
          .execute();
    }
    // By status and kind, so that the counters lose exactly the jobs this transaction deleted.
    var deleted = new HashMap<String, Long>();
    int total = 0;
    for (JobStatus status : JobCounters.FINAL) {
      for (boolean recurring : new boolean[] {false, true}) {
        int rows =
            handle
                .createUpdate(
                    "DELETE FROM jobs WHERE id IN (<ids>) AND status = :status AND kind "
                        + (recurring ? "=" : "<>")
                        + " 'RECURRING'")
                .bindList("ids", ids)
                .bind("status", status.name())
                .execute();
        deleted.merge(status.name(), (long) -rows, Long::sum);
        if (recurring) {
          deleted.merge(JobCounters.RECURRING, (long) -rows, Long::sum);
        }
        total += rows;
      }
    }
    JobCounters.add(handle, deleted);
    return total;
  }
}
