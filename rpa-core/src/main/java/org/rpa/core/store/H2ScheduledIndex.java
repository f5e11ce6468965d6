package org.rpa.core.store;

import java.sql.Statement;

/**
 * Migration 10, H2 only: index {@code jobs_due} holds {@code scheduled_run_at}, a generated column
 * that is the job's {@code run_at} while it is SCHEDULED and NULL otherwise, instead of {@code
 * (status, run_at)}. H2 has no partial indexes, so the old index had an entry for every job, and
 * every change of status moved it (a delete and an insert, twice a job in a drain). H2 leaves an
 * index alone when an update keeps its key, and this key stays NULL from QUEUED to the end. The
 * NULLs sort last, so that the promotion's range and {@code MIN} start at the first scheduled job:
 * H2 begins a range without a lower bound, and a {@code MIN}, at the start of the index and steps
 * over NULL keys one by one (a poll read every finished job). On PostgreSQL the index is partial
 * already ({@code WHERE status = 'SCHEDULED'}), and a stored generated column would only add to the
 * row; it is left alone.
 */
final class H2ScheduledIndex extends H2Migration {
  H2ScheduledIndex() {
    super("10", "h2 scheduled index", 10);
  }

  @Override
  void migrateH2(Statement statement) throws Exception {
    statement.execute(
        "ALTER TABLE jobs ADD COLUMN scheduled_run_at TIMESTAMP WITH TIME ZONE"
            + " GENERATED ALWAYS AS (CASE WHEN status = 'SCHEDULED' THEN run_at END)");
    statement.execute("DROP INDEX jobs_due");
    statement.execute("CREATE INDEX jobs_due ON jobs (scheduled_run_at NULLS LAST)");
  }
}
