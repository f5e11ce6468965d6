package org.rpa.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.rpa.core.StoreException;

/**
 * Brings a database's schema up to date with the core's versioned scripts (Flyway) and the Java
 * migrations listed here ({@link H2IdentityCache}, {@link DropChildForeignKeys}, {@link
 * H2ScheduledIndex}, {@link RollupBackfill}). Safe to run from several instances at once: Flyway
 * serialises them with a lock.
 *
 * <p>The scripts live at {@value #LOCATION}, inside the library's own package, and the history in
 * table {@value #HISTORY_TABLE}: an application with Flyway of its own (at the default {@code
 * db/migration}, with {@code flyway_schema_history}) can share the database, even the schema,
 * without either reading the other's migrations. When the application's tables are there first, the
 * core's history starts with a baseline at version 0 and every core migration then runs.
 *
 * <p>Databases made while the scripts were at {@code db/migration} open as they are: Flyway
 * identifies an applied migration by version, description and checksum, not by where it was found.
 */
final class Migrations {
  /** Where the core's SQL scripts are; no other location is read. */
  static final String LOCATION = "classpath:org/rpa/core/store/migration";

  /** The core's schema history, apart from any history an application's Flyway keeps. */
  static final String HISTORY_TABLE = "rpa_schema_history";

  private Migrations() {}

  /**
   * Applies every pending migration.
   *
   * @return the schema version afterwards
   * @throws StoreException if a migration fails
   */
  public static String migrate(DataSource dataSource) {
    try {
      MigrateResult result = configure(dataSource).load().migrate();
      return result.targetSchemaVersion == null
          ? result.initialSchemaVersion
          : result.targetSchemaVersion;
    } catch (RuntimeException e) {
      throw new StoreException("migrate", e);
    }
  }

  /** The core's Flyway configuration on {@code dataSource}: its location, history and scripts. */
  static FluentConfiguration configure(DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(LOCATION)
        .failOnMissingLocations(true)
        .table(HISTORY_TABLE)
        // A schema that holds an application's tables but not ours yet: start our history there.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .baselineDescription("rpa-core in a shared schema")
        .placeholders(placeholders(dataSource))
        .javaMigrations(javaMigrations())
        .loggers("slf4j");
  }

  /** The migrations written in Java, registered by instance (no location is scanned for them). */
  static JavaMigration[] javaMigrations() {
    return new JavaMigration[] {
      new H2IdentityCache(),
      new DropChildForeignKeys(),
      new H2ScheduledIndex(),
      new RollupBackfill()
    };
  }

  /** Partial-index predicates for PostgreSQL; H2 has no partial indexes, so they are empty. */
  static Map<String, String> placeholders(DataSource dataSource) {
    boolean postgres;
    try (Connection connection = dataSource.getConnection()) {
      postgres =
          SqlDialect.ofProduct(connection.getMetaData().getDatabaseProductName())
              == SqlDialect.POSTGRESQL;
    } catch (SQLException e) {
      throw new StoreException("migrate", e);
    }
    return Map.of(
        "live_only",
        postgres ? "WHERE status IN ('QUEUED', 'CLAIMED', 'RUNNING')" : "",
        "scheduled_only",
        postgres ? "WHERE status = 'SCHEDULED'" : "",
        "with_reference",
        postgres ? "WHERE reference IS NOT NULL" : "",
        "with_idempotency_key",
        postgres ? "WHERE idempotency_key IS NOT NULL" : "",
        "unsuccessful_only",
        postgres ? "WHERE status IN ('FAILED', 'TIMEOUT', 'CANCELLED')" : "",
        "healing_only",
        postgres ? "WHERE healing IS NOT NULL" : "");
  }
}
