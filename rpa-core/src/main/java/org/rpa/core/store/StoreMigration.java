package org.rpa.core.store;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * A schema migration written in Java, for what one SQL script cannot say on both databases. Runs in
 * Flyway's transaction; its checksum is fixed, so Flyway notices if a released one changes.
 */
abstract class StoreMigration implements JavaMigration {
  private final String version;
  private final String description;
  private final int checksum;

  StoreMigration(String version, String description, int checksum) {
    this.version = version;
    this.description = description;
    this.checksum = checksum;
  }

  @Override
  public final MigrationVersion getVersion() {
    return MigrationVersion.fromVersion(version);
  }

  @Override
  public final String getDescription() {
    return description;
  }

  @Override
  public final Integer getChecksum() {
    return checksum;
  }

  @Override
  public final boolean canExecuteInTransaction() {
    return true;
  }
}
