package org.rpa.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Small JDBC helpers for the harness. */
final class Sql {
  private Sql() {}

  static long count(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Runs a script of statements separated by semicolons; lines starting with -- are dropped. */
  static void script(DataSource dataSource, String script) throws SQLException {
    var text = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
        text.append(line).append('\n');
      }
    }
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String statement : text.toString().split(";")) {
        String sql = statement.strip();
        if (!sql.isEmpty() && !sql.equalsIgnoreCase("commit")) {
          s.execute(sql);
        }
      }
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }
}
