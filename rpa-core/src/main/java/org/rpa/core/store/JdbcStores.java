package org.rpa.core.store;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Opens the JDBC job store the engine runs on: migrates the schema first, and on PostgreSQL listens
 * for other instances' submits. Not API.
 *
 * <p>Thread-safe.
 */
public final class JdbcStores {
  private JdbcStores() {}

  /**
   * Migrates a data source the caller owns (and closes) and opens a store on it.
   *
   * @throws org.rpa.core.StoreException if the database cannot be migrated
   */
  public static JobStore open(DataSource dataSource) {
    Migrations.migrate(dataSource);
    return new JdbcJobStore(dataSource, null);
  }

  /**
   * Opens a pool of {@code poolSize} connections to {@code url}, migrates it and opens a store that
   * closes the pool when it is closed.
   *
   * @throws org.rpa.core.StoreException if the database cannot be opened or migrated
   */
  public static JobStore open(String url, int poolSize) {
    HikariDataSource pool = Databases.pool(url, poolSize);
    try {
      Migrations.migrate(pool);
      return new JdbcJobStore(pool, pool);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Rebuilds what the store keeps added up of its rows, in one transaction: the hourly rollups of
   * the finished executions and the counts of the finished and the recurring jobs. The store keeps
   * them itself; this is for rows written around it, such as a bulk import of jobs and executions.
   *
   * @throws org.rpa.core.StoreException if the database fails
   */
  public static void rebuildSummaries(JobStore store) {
    if (!(store instanceof JdbcJobStore jdbc)) {
      throw new IllegalArgumentException("not a JDBC store: " + store);
    }
    jdbc.write(
        "rebuild summaries",
        handle -> {
          ExecutionRollups.rebuild(handle);
          JobCounters.rebuild(handle);
          return null;
        });
  }

  /** The PostgreSQL channel a submit notifies ({@code NOTIFY rpa_jobs}). */
  public static final String SUBMIT_CHANNEL = PgNotifications.CHANNEL;

  /**
   * Whether other instances' submits can wake this one: on PostgreSQL, through {@link
   * #listenForSubmits}; on H2 only a submit through the same orchestrator wakes its dispatcher.
   */
  public static boolean notifiesSubmits(JobStore store) {
    return store instanceof JdbcJobStore jdbc && jdbc.dialect() == SqlDialect.POSTGRESQL;
  }

  /**
   * On PostgreSQL, starts listening for other instances' submits, each of which runs {@code
   * onSubmit}; elsewhere there is no one else to hear.
   *
   * @param clock stamps the listener's changes of state
   * @return the listener to close at shutdown, or null
   */
  public static SubmitListener listenForSubmits(JobStore store, Runnable onSubmit, Clock clock) {
    if (notifiesSubmits(store)) {
      return PgNotifications.start(((JdbcJobStore) store).dataSource(), onSubmit, clock);
    }
    return null;
  }

  /**
   * On PostgreSQL, opens the channel the orchestrators that share the database send each other
   * messages on; {@code onMessages} gets each batch of messages heard together, in the listener's
   * thread, so it must be quick. Elsewhere there is no one to share with.
   *
   * @param clock stamps the listener's changes of state
   * @return the channel to close at shutdown, or null
   */
  public static PeerChannel peerChannel(
      JobStore store, Consumer<List<String>> onMessages, Clock clock) {
    if (notifiesSubmits(store)) {
      return new PgPeerChannel((JdbcJobStore) store, onMessages, clock);
    }
    return null;
  }
}
