package org.rpa.spring.boot;

import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/** The Boot application on a database of the private PostgreSQL cluster, emptied per test. */
@ExtendWith(PostgresExtension.class)
class PostgresBootApplicationIT extends BootApplicationContract {
  private String url;

  @BeforeEach
  void database(PgDatabase database) {
    url = database.jdbcUrl();
  }

  @AfterEach
  void drop_both_schemas() throws SQLException {
    try (var connection = DriverManager.getConnection(url);
        var statement = connection.createStatement()) {
      statement.execute("drop schema public cascade");
      statement.execute("create schema public");
    }
  }

  @Override
  String jdbcUrl() {
    return url;
  }
}
