package org.rpa.server.http;

import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/** The fleet monitoring API over the known history on PostgreSQL: the same exact figures. */
@ExtendWith(PostgresExtension.class)
class PostgresFleetMetricsIT extends FleetMetricsContract {
  private final PgDatabase database;

  PostgresFleetMetricsIT(PgDatabase database) {
    this.database = database;
  }

  @Override
  protected String databaseUrl() {
    return database.jdbcUrl();
  }
}
