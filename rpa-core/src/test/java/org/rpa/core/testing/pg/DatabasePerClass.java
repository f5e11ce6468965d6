package org.rpa.core.testing.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proves that test classes do not share a database, whatever order they run in: each claims its
 * database by creating the same table, which fails if another class got there first.
 */
final class DatabasePerClass {
  private static final Map<Class<?>, PgDatabase> CLAIMED = new ConcurrentHashMap<>();

  private DatabasePerClass() {}

  static void claim(PgDatabase database, Class<?> testClass) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.execute("create table claimed_by (test_class text not null)");
      statement.execute("insert into claimed_by values ('" + testClass.getName() + "')");
      try (ResultSet result = statement.executeQuery("select test_class from claimed_by")) {
        assertThat(result.next()).isTrue();
        assertThat(result.getString(1)).isEqualTo(testClass.getName());
        assertThat(result.next()).isFalse();
      }
    }
    CLAIMED.put(testClass, database);
    CLAIMED.forEach(
        (otherClass, otherDatabase) -> {
          if (otherClass != testClass) {
            assertThat(otherDatabase.name()).isNotEqualTo(database.name());
          }
        });
  }
}
