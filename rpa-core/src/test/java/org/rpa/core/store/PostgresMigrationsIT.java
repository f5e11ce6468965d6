package org.rpa.core.store;

import java.sql.DriverManager;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

@ExtendWith(PostgresExtension.class)
class PostgresMigrationsIT extends MigrationsContract {
  private final PgDatabase database;

  PostgresMigrationsIT(PgDatabase database) {
    this.database = database;
  }

  /** The class's database, its schema {@code public} dropped and made anew for each test. */
  @Override
  protected String emptyDatabase() throws Exception {
    try (var connection = DriverManager.getConnection(database.jdbcUrl());
        var statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA public CASCADE");
      statement.execute("CREATE SCHEMA public");
    }
    return database.jdbcUrl();
  }
}
