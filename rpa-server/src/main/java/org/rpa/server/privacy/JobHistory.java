package org.rpa.server.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * What a job's history holds about a subject: its executions' results and errors, its steps' names
 * and details, its log's reasons. Each row is decided by {@link SubjectMatch}; a row without a
 * whole mention is never written.
 */
final class JobHistory {
  /** One history table: its row key and its text columns with their sizes. */
  private record Table(String name, List<String> keys, List<String> columns, List<Integer> sizes) {}

  private static final List<Table> TABLES =
      List.of(
          new Table(
              "job_executions",
              List.of("id"),
              List.of("result", "error_message"),
              List.of(1_000_000, 4000)),
          new Table(
              "job_steps",
              List.of("occurrence", "attempt", "seq"),
              List.of("name", "details"),
              List.of(255, 100_000)),
          new Table("job_log", List.of("id"), List.of("reason"), List.of(255)));

  private JobHistory() {}

  /**
   * A condition on {@code jobs.id}: the job's history contains the LIKE pattern bound, once per
   * parameter, {@link #LIKE_PARAMETERS} times.
   */
  static final String CANDIDATES;

  static final int LIKE_PARAMETERS;

  static {
    StringBuilder sql = new StringBuilder();
    int parameters = 0;
    for (Table table : TABLES) {
      sql.append(sql.length() == 0 ? "" : " OR ")
          .append("id IN (SELECT job_id FROM ")
          .append(table.name())
          .append(" WHERE ");
      for (int i = 0; i < table.columns().size(); i++) {
        sql.append(i == 0 ? "" : " OR ")
            .append(table.columns().get(i))
            .append(" LIKE ? ESCAPE '\\'");
        parameters++;
      }
      sql.append(")");
    }
    CANDIDATES = sql.toString();
    LIKE_PARAMETERS = parameters;
  }

  /** True if a row of the job's history names the subject whole. */
  static boolean mentions(Connection connection, long jobId, SubjectMatch match)
      throws SQLException {
    for (Table table : TABLES) {
      if (rewrite(connection, table, jobId, match, false)) {
        return true;
      }
    }
    return false;
  }

  /** Erases the subject from every row of the job's history that names it. */
  static void erase(Connection connection, long jobId, SubjectMatch match) throws SQLException {
    for (Table table : TABLES) {
      rewrite(connection, table, jobId, match, true);
    }
  }

  /** Redacts the table's rows of one job; writes them only if {@code write}. */
  private static boolean rewrite(
      Connection connection, Table table, long jobId, SubjectMatch match, boolean write)
      throws SQLException {
    List<String> keys = table.keys();
    List<String> columns = table.columns();
    String select =
        "SELECT "
            + String.join(", ", keys)
            + ", "
            + String.join(", ", columns)
            + " FROM "
            + table.name()
            + " WHERE job_id = ?";
    String update =
        "UPDATE "
            + table.name()
            + " SET "
            + String.join(" = ?, ", columns)
            + " = ? WHERE job_id = ? AND "
            + String.join(" = ? AND ", keys)
            + " = ?";
    boolean any = false;
    try (PreparedStatement query = connection.prepareStatement(select);
        PreparedStatement change = connection.prepareStatement(update)) {
      query.setLong(1, jobId);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          boolean changed = false;
          for (int i = 0; i < columns.size(); i++) {
            String before = rows.getString(keys.size() + 1 + i);
            String after = fit(Redaction.redact(before, match), table.sizes().get(i));
            changed |= !Objects.equals(before, after);
            change.setString(i + 1, after);
          }
          if (!changed) {
            continue;
          }
          any = true;
          if (!write) {
            return true;
          }
          change.setLong(columns.size() + 1, jobId);
          for (int k = 0; k < keys.size(); k++) {
            change.setLong(columns.size() + 2 + k, rows.getLong(k + 1));
          }
          change.executeUpdate();
        }
      }
    }
    return any;
  }

  /** A redacted text cut to its column's size ({@value Redaction#ERASED} may be the longer). */
  static String fit(String text, int size) {
    return text == null || text.length() <= size ? text : text.substring(0, size);
  }
}
