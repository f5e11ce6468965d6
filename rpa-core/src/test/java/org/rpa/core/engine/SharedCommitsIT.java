package org.rpa.core.engine;

import java.sql.DriverManager;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/**
 * Shared submit commits on PostgreSQL: unreachable means the server refuses new connections to the
 * database and ends the ones it has, so the pool's connections die under it.
 */
@ExtendWith(PostgresExtension.class)
class SharedCommitsIT extends SharedCommitsContract {
  private final PgDatabase database;

  SharedCommitsIT(PgDatabase database) {
    this.database = database;
  }

  @Override
  protected String url() {
    return database.jdbcUrl();
  }

  /** The cluster's {@code postgres} database, which stays open while the test's is refused. */
  private String maintenanceUrl() {
    return database.jdbcUrl().replace("/" + database.name() + "?", "/postgres?");
  }

  @Override
  protected void takeDown() throws Exception {
    try (var connection = DriverManager.getConnection(maintenanceUrl());
        var statement = connection.createStatement()) {
      statement.execute("ALTER DATABASE \"" + database.name() + "\" ALLOW_CONNECTIONS false");
      statement.execute(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
              + database.name()
              + "' AND pid <> pg_backend_pid()");
    }
  }

  @Override
  protected void bringBack() throws Exception {
    try (var connection = DriverManager.getConnection(maintenanceUrl());
        var statement = connection.createStatement()) {
      statement.execute("ALTER DATABASE \"" + database.name() + "\" ALLOW_CONNECTIONS true");
    }
  }
}
