package org.rpa.core.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.rpa.core.StoreException;

/**
 * Brings a database's schema up to date with the versioned scripts under {@code db/migration}
 * (Flyway). Safe to run from several instances at once: Flyway serialises them with a lock.
 */
public final class Migrations {
  private Migrations() {}

  /**
   * Applies every pending migration.
   *
   * @return the schema version afterwards
   * @throws StoreException if a migration fails
   */
  public static String migrate(DataSource dataSource) {
    try {
      MigrateResult result =
          Flyway.configure()
              .dataSource(dataSource)
              .locations("classpath:db/migration")
              .table("rpa_schema_history")
              .loggers("slf4j")
              .load()
              .migrate();
      return result.targetSchemaVersion == null
          ? result.initialSchemaVersion
          : result.targetSchemaVersion;
    } catch (RuntimeException e) {
      throw new StoreException("migrate", e);
    }
  }
}
