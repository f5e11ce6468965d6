package org.rpa.core.store;

import java.sql.Statement;
import org.flywaydb.core.api.migration.Context;

/**
 * A migration that changes H2 databases only, where H2 needs a schema that PostgreSQL does not (or
 * has no equivalent of PostgreSQL's). On PostgreSQL it is recorded as applied and does nothing.
 */
abstract class H2Migration extends StoreMigration {
  H2Migration(String version, String description, int checksum) {
    super(version, description, checksum);
  }

  @Override
  public final void migrate(Context context) throws Exception {
    var connection = context.getConnection();
    if (SqlDialect.ofProduct(connection.getMetaData().getDatabaseProductName()) != SqlDialect.H2) {
      return;
    }
    try (Statement statement = connection.createStatement()) {
      migrateH2(statement);
    }
  }

  /** Changes the H2 schema with {@code statement}, in Flyway's transaction. */
  abstract void migrateH2(Statement statement) throws Exception;
}
