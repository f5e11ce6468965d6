package org.rpa.core.store;

import java.sql.Connection;
import org.flywaydb.core.api.migration.Context;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Handles;
import org.jdbi.v3.core.Jdbi;

/**
 * Migration 15.1: fills the hourly rollups of migration 15 from the executions already stored, on
 * both databases (the duration buckets are numbered in Java).
 */
final class RollupBackfill extends StoreMigration {
  RollupBackfill() {
    super("15.1", "execution rollups backfill", 151);
  }

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    // Flyway's connection, in Flyway's transaction: the handle must neither commit nor close it.
    Jdbi jdbi =
        Jdbi.create(
            new org.jdbi.v3.core.ConnectionFactory() {
              @Override
              public Connection openConnection() {
                return connection;
              }

              @Override
              public void closeConnection(Connection toClose) {}
            });
    jdbi.getConfig(Handles.class).setForceEndTransactions(false);
    try (Handle handle = jdbi.open()) {
      ExecutionRollups.rebuild(handle);
    }
  }
}
