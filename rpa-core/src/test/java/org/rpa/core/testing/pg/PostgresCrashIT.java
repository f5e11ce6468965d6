package org.rpa.core.testing.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A private cluster crashed on purpose: an immediate restart cuts open connections and keeps every
 * committed row; an immediate stop refuses connections until it is started again.
 */
class PostgresCrashIT {

  @Test
  void an_immediate_restart_cuts_connections_and_keeps_what_was_committed() throws SQLException {
    try (PostgresCluster cluster = PostgresCluster.start()) {
      String url = cluster.createDatabase("crash");
      try (Connection before = DriverManager.getConnection(url);
          Statement statement = before.createStatement()) {
        statement.execute("CREATE TABLE t (n INT)");
        statement.execute("INSERT INTO t VALUES (1), (2), (3)");

        cluster.restartImmediately();

        assertThatThrownBy(() -> statement.executeQuery("SELECT 1"))
            .as("a connection open across the crash")
            .isInstanceOf(SQLException.class);
      }
      assertThat(count(url)).isEqualTo(3);

      cluster.stopImmediately();
      assertThatThrownBy(() -> DriverManager.getConnection(url).close())
          .isInstanceOf(SQLException.class);
      cluster.startAgain();
      assertThat(count(url)).isEqualTo(3);
    }
  }

  private static long count(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM t")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
