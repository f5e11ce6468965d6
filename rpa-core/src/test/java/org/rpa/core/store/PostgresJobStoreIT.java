package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

@ExtendWith(PostgresExtension.class)
class PostgresJobStoreIT extends JobStoreContract {
  private final PgDatabase database;

  PostgresJobStoreIT(PgDatabase database) {
    this.database = database;
  }

  @Override
  protected JobStore openStore() throws Exception {
    var pool = Databases.pool(database.jdbcUrl(), 8);
    Migrations.migrate(pool);
    truncate(pool);
    return new JdbcJobStore(pool, pool);
  }

  @Test
  void the_store_knows_it_runs_on_postgresql() {
    assertThat(((JdbcJobStore) store).dialect()).isEqualTo(SqlDialect.POSTGRESQL);
    assertThat(store.engine()).startsWith("PostgreSQL");
  }
}
