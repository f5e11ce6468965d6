package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.testing.H2;

class H2JobStoreTest extends JobStoreContract {
  @Override
  protected JobStore openStore() {
    var pool = Databases.pool(H2.memory(), 8);
    Migrations.migrate(pool);
    return new JdbcJobStore(pool, pool);
  }

  @Test
  void the_tables_written_per_job_take_their_ids_from_a_cache_so_that_no_insert_stores_a_sequence()
      throws SQLException {
    var caches = new HashMap<String, Long>();
    try (Connection connection = ((JdbcJobStore) store).dataSource().getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE COLUMN_NAME = 'ID' AND IS_IDENTITY = 'YES'");
        var rows = statement.executeQuery()) {
      while (rows.next()) {
        caches.put(rows.getString(1), rows.getLong(2));
      }
    }

    assertThat(caches)
        .containsAllEntriesOf(
            Map.of(
                "JOBS", (long) H2IdentityCache.CACHE,
                "JOB_EXECUTIONS", (long) H2IdentityCache.CACHE,
                "JOB_LOG", (long) H2IdentityCache.CACHE));
  }
}
