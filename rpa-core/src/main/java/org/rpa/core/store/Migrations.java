package org.rpa.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.rpa.core.StoreException;

/**
 * Brings a database's schema up to date with the versioned scripts under {@code db/migration}
 * (Flyway), and the Java ones listed here ({@link H2IdentityCache}, {@link DropChildForeignKeys},
 * {@link H2ScheduledIndex}). Safe to run from several instances at once: Flyway serialises them
 * with a lock.
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
              .placeholders(placeholders(dataSource))
              .javaMigrations(
                  new H2IdentityCache(), new DropChildForeignKeys(), new H2ScheduledIndex())
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

  /** Partial-index predicates for PostgreSQL; H2 has no partial indexes, so they are empty. */
  private static Map<String, String> placeholders(DataSource dataSource) {
    boolean postgres;
    try (Connection connection = dataSource.getConnection()) {
      postgres =
          SqlDialect.ofProduct(connection.getMetaData().getDatabaseProductName())
              == SqlDialect.POSTGRESQL;
    } catch (SQLException e) {
      throw new StoreException("migrate", e);
    }
    return Map.of(
        "live_only", postgres ? "WHERE status IN ('QUEUED', 'CLAIMED', 'RUNNING')" : "",
        "scheduled_only", postgres ? "WHERE status = 'SCHEDULED'" : "",
        "with_reference", postgres ? "WHERE reference IS NOT NULL" : "",
        "with_idempotency_key", postgres ? "WHERE idempotency_key IS NOT NULL" : "");
  }
}
