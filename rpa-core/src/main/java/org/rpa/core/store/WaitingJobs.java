package org.rpa.core.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.JobTransitions;
import org.rpa.core.job.JobUpdate;
import org.rpa.core.json.Json;

/**
 * Jobs that wait to run: their edits, the promotion of due ones to QUEUED, and when the next is
 * due, in the caller's transaction. An edit checks its status pair, if it changes the status, and
 * logs it through {@link JobLogWrites}; a promotion writes {@link StatementMove#PROMOTE}.
 */
final class WaitingJobs {
  /** The one status pair a promotion writes, checked against the table. */
  private static final StatementMove PROMOTE = StatementMove.PROMOTE;

  private WaitingJobs() {}

  static boolean modify(
      Handle handle,
      JobId id,
      JobStatus expected,
      JobUpdate update,
      JobStatus newStatus,
      Instant now) {
    if (newStatus != expected) {
      JobTransitions.check(id.value(), expected, newStatus);
    }
    int updated =
        handle
            .createUpdate(
                "UPDATE jobs SET priority = COALESCE(:priority, priority),"
                    + " run_at = COALESCE(:runAt, run_at), params = COALESCE(:params, params),"
                    + " status = :newStatus, updated_at = :now"
                    + " WHERE id = :id AND status = :expected")
            .bind("priority", update.priority())
            .bindByType("runAt", update.runAt(), Instant.class)
            .bind("params", Json.write(update.params()))
            .bind("newStatus", newStatus.name())
            .bindByType("now", now, Instant.class)
            .bind("id", id.value())
            .bind("expected", expected.name())
            .execute();
    if (updated == 1 && newStatus != expected) {
      Transition change =
          handle
              .createQuery("SELECT provider, action, occurrence, attempts FROM jobs WHERE id = :id")
              .bind("id", id.value())
              .map(
                  (rs, ctx) ->
                      Transition.runAtChanged(
                          new JobIdentity(
                              id.value(), rs.getString("provider"), rs.getString("action")),
                          new JobPosition(
                              expected, rs.getInt("occurrence"), rs.getInt("attempts"), null),
                          newStatus,
                          now))
              .one();
      JobLogWrites.write(handle, List.of(change));
    }
    return updated == 1;
  }

  static List<Transition> promoteDue(Handle handle, SqlDialect dialect, Instant now, int limit) {
    Claims.orderedScanOnly(handle, dialect);
    List<Transition> due =
        handle
            .createQuery(dialect == SqlDialect.H2 ? SELECT_DUE_H2 : SELECT_DUE)
            .bindByType("now", now, Instant.class)
            .bind("limit", limit)
            .map(
                (rs, ctx) ->
                    Transition.promote(
                        rs.getLong("id"),
                        rs.getString("provider"),
                        rs.getString("action"),
                        rs.getInt("occurrence"),
                        rs.getInt("attempts"),
                        now))
            .list();
    if (due.isEmpty()) {
      return due;
    }
    try (RowBatch update = RowBatch.of(handle, "promote", PROMOTE_ONE + guard(dialect))) {
      for (Transition t : due) {
        update.set(now).set(t.job().id()).add();
      }
      update.execute();
    }
    JobLogWrites.write(handle, due);
    return due;
  }

  /** The earliest run_at of a SCHEDULED job, if any. */
  static Optional<Instant> nextRunAt(Handle handle, SqlDialect dialect) {
    return handle
        .createQuery(dialect == SqlDialect.H2 ? NEXT_RUN_AT_H2 : NEXT_RUN_AT)
        .map((rs, ctx) -> RowMappers.instant(rs, "run_at"))
        .findOne();
  }

  /**
   * The status check of a promotion's update. On PostgreSQL none: the rows are locked since the
   * SELECT … FOR UPDATE that found them SCHEDULED, and a check on status let stale statistics pick
   * the status index over the primary key (0.9 ms a row, not 0.05). On H2, where the read locks its
   * rows too, the check stays as a second guard.
   */
  private static String guard(SqlDialect dialect) {
    return dialect == SqlDialect.H2 ? " AND status = " + PROMOTE.fromLiteral() : "";
  }

  private static final String PROMOTE_ONE =
      "UPDATE jobs SET status = " + PROMOTE.toLiteral() + ", updated_at = ? WHERE id = ?";

  private static final String SELECT_DUE =
      "SELECT id, provider, action, occurrence, attempts FROM jobs"
          + " WHERE status = "
          + PROMOTE.fromLiteral()
          + " AND run_at <= :now ORDER BY run_at, id"
          + " LIMIT :limit FOR UPDATE SKIP LOCKED";

  /**
   * The same for H2, on index jobs_due's column ({@link H2ScheduledIndex}): the inner query walks
   * the index in its order and stops after :limit rows (H2 reads every matching row when one query
   * has both LIMIT and FOR UPDATE).
   */
  static final String SELECT_DUE_H2 =
      "SELECT id, provider, action, occurrence, attempts FROM jobs WHERE id IN (SELECT id FROM jobs"
          + " WHERE scheduled_run_at <= :now ORDER BY scheduled_run_at NULLS LAST LIMIT :limit)"
          + " AND status = "
          + PROMOTE.fromLiteral()
          + " ORDER BY run_at, id FOR UPDATE SKIP LOCKED";

  private static final String NEXT_RUN_AT =
      "SELECT MIN(run_at) AS run_at FROM jobs WHERE status = 'SCHEDULED'";

  /** NULL when no job is SCHEDULED, as MIN is. */
  static final String NEXT_RUN_AT_H2 =
      "SELECT scheduled_run_at AS run_at FROM jobs ORDER BY scheduled_run_at NULLS LAST LIMIT 1";
}
