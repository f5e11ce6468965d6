package org.rpa.server.http;

import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/** The monitoring contract on PostgreSQL: the same figures as on H2. */
@ExtendWith(PostgresExtension.class)
class PostgresMonitoringIT extends MonitoringContract {
  private final PgDatabase database;

  PostgresMonitoringIT(PgDatabase database) {
    this.database = database;
  }

  @Override
  protected String databaseUrl() {
    return database.jdbcUrl();
  }
}
