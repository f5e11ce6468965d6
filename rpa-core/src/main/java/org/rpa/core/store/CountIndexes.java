package org.rpa.core.store;

import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 16: what counts jobs and recent executions without reading their rows. {@link
 * JobCountQueries} counts the live statuses on the claim and due indexes and reads the final ones
 * from {@code job_final_counts} ({@link FinalCounts}), created and filled here; it also needs:
 *
 * <ul>
 *   <li>{@code jobs_recurring}, the RECURRING jobs, few, so that ONE_TIME is every job less them.
 *       On PostgreSQL it is partial ({@code WHERE kind = 'RECURRING'}); H2 has no partial indexes,
 *       so there it holds every job, on {@code kind} alone: the kind never changes, so no status
 *       change touches it. *
 *   <li>{@code job_executions_finished} on {@code (finished_at, status)} instead of {@code
 *       (finished_at)}: the executions of a window and the unsuccessful ones among them are then
 *       counted on the index alone. The statistics still read a window as a range of it.
 * </ul>
 *
 * Java, because the RECURRING index is partial on PostgreSQL only.
 */
final class CountIndexes extends StoreMigration {
  CountIndexes() {
    super("16", "count indexes", 16);
  }

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    boolean postgres =
        SqlDialect.ofProduct(connection.getMetaData().getDatabaseProductName())
            == SqlDialect.POSTGRESQL;
    try (Statement statement = connection.createStatement()) {
      if (postgres) {
        statement.execute("CREATE INDEX jobs_recurring ON jobs (kind) WHERE kind = 'RECURRING'");
      } else {
        statement.execute("CREATE INDEX jobs_recurring ON jobs (kind)");
      }
      for (String sql : FinalCounts.CREATE) {
        statement.execute(sql);
      }
      statement.execute("DROP INDEX job_executions_finished");
      statement.execute(
          "CREATE INDEX job_executions_finished ON job_executions (finished_at, status)");
    }
  }
}
