package org.rpa.core.testing.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresClusterIT {

  @Test
  void answers_select_version_over_plain_jdbc(PgDatabase database) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("select version(), current_database()")) {
      assertThat(result.next()).isTrue();
      assertThat(result.getString(1)).startsWith("PostgreSQL ");
      assertThat(result.getString(2)).isEqualTo(database.name());
    }
  }

  @Test
  void gives_this_class_a_database_no_other_class_has(PgDatabase database) throws SQLException {
    DatabasePerClass.claim(database, PostgresClusterIT.class);

    assertThat(database.jdbcUrl())
        .startsWith("jdbc:postgresql://127.0.0.1:")
        .endsWith("/" + database.name() + "?user=postgres");
  }
}
