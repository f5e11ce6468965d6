package org.rpa.core.testing.pg;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PostgresDatabasePerClassIT {
  private final PgDatabase database;

  PostgresDatabasePerClassIT(PgDatabase database) {
    this.database = database;
  }

  @Test
  void gives_this_class_a_database_no_other_class_has() throws SQLException {
    DatabasePerClass.claim(database, PostgresDatabasePerClassIT.class);
  }

  @Test
  void injects_the_same_database_into_the_constructor_and_the_methods(PgDatabase fromMethod) {
    assertThat(fromMethod).isEqualTo(database);
  }
}
