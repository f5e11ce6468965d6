package org.rpa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

@ExtendWith(PostgresExtension.class)
class PostgresAnalyticsIT extends AnalyticsContract {
  private final PgDatabase database;

  PostgresAnalyticsIT(PgDatabase database) {
    this.database = database;
  }

  @Override
  protected String databaseUrl() {
    return database.jdbcUrl();
  }

  @Test
  void the_status_index_holds_only_the_unsuccessful_executions() throws SQLException {
    List<String> definition = new ArrayList<>();
    try (var connection = DriverManager.getConnection(database.jdbcUrl());
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'job_executions_status'")) {
      while (rows.next()) {
        definition.add(rows.getString(1));
      }
    }
    assertThat(definition)
        .singleElement()
        .asString()
        .contains("(status, id)")
        .contains("WHERE")
        .contains("'FAILED'")
        .doesNotContain("'SUCCESS'");
  }
}
