package org.rpa.core.store;

import java.sql.Statement;
import java.util.ArrayList;
import org.flywaydb.core.api.migration.Context;

/**
 * Migration 8: the per-job tables ({@code job_log}, {@code job_executions}, {@code job_steps}) no
 * longer reference {@code jobs} by a foreign key. Each of their rows cost a check of its job: on
 * PostgreSQL a {@code SELECT … FOR KEY SHARE} of the job row by trigger, four or five a job, which
 * also locked the very row that the same transaction then updates; {@code pg_stat_statements} put
 * the log inserts at half of the database's time in a drain. The store is their only writer, and it
 * writes them in the transaction that changes the job, by the job's id; the retention purge deletes
 * them with their job ({@link Sweeps#purge}), which the cascade did before. Java, because the
 * constraints' names are generated and differ between H2 and PostgreSQL.
 */
final class DropChildForeignKeys extends StoreMigration {
  DropChildForeignKeys() {
    super("8", "drop child foreign keys", 8);
  }

  @Override
  public void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    var drops = new ArrayList<String>();
    try (var query =
            connection.prepareStatement(
                "SELECT table_name, constraint_name FROM information_schema.table_constraints"
                    + " WHERE constraint_type = 'FOREIGN KEY' AND table_schema = CURRENT_SCHEMA"
                    + " AND LOWER(table_name) IN ('job_log', 'job_executions', 'job_steps')");
        var rows = query.executeQuery()) {
      while (rows.next()) {
        drops.add(
            "ALTER TABLE " + rows.getString(1) + " DROP CONSTRAINT \"" + rows.getString(2) + "\"");
      }
    }
    try (Statement statement = connection.createStatement()) {
      for (String drop : drops) {
        statement.execute(drop);
      }
    }
  }
}
