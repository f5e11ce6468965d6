package org.rpa.core.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Writes the {@code job_log} rows of status changes, in the caller's transaction, for every path
 * that changes a status: transitions, claims and hand-offs, promotions and edits of waiting jobs.
 */
final class JobLogWrites {
  private JobLogWrites() {}

  /** One log row for each of {@code changes}, as one batch. */
  static void write(Handle handle, List<Transition> changes) {
    write(handle, "log", changes);
  }

  /**
   * The same, as part of {@code operation} (for its error).
   *
   * @param operation what the rows are written for, such as "submit"
   */
  static void write(Handle handle, String operation, List<Transition> changes) {
    if (changes.isEmpty()) {
      return;
    }
    try (RowBatch log = RowBatch.of(handle, operation, INSERT_LOG)) {
      for (Transition t : changes) {
        var entry = t.log();
        log.set(t.job().id())
            .set(t.attemptForLog())
            .set(t.from().status().name())
            .set(t.to().status().name())
            .set(entry.at())
            .set(entry.executor())
            .set(TransitionWrites.truncate(entry.reason(), 255))
            .add();
      }
      log.execute();
    }
  }

  private static final String INSERT_LOG =
      "INSERT INTO job_log (job_id, attempt, from_status, to_status, at, executor, reason)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)";
}
