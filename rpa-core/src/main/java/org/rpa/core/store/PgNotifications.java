package org.rpa.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this instance's dispatcher when another instance submits a due job, through PostgreSQL's
 * {@code LISTEN}/{@code NOTIFY}: a submit sends {@code NOTIFY rpa_jobs} in its transaction, and
 * this listener, on one connection of its own, hears it when that transaction commits. The poll
 * stays the safety net for a lost connection.
 *
 * <p>Thread-safe: one daemon thread {@code rpa-listener-1}; {@link #close()} stops it.
 */
final class PgNotifications implements AutoCloseable {
  static final String CHANNEL = "rpa_jobs";
  private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
  private static final int WAIT_MILLIS = 500;
  private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final Runnable onNotify;
  private final Thread thread;
  private volatile boolean running = true;

  private PgNotifications(DataSource dataSource, Runnable onNotify) {
    this.dataSource = dataSource;
    this.onNotify = onNotify;
    this.thread = new Thread(this::listen, "rpa-listener-1");
    thread.setDaemon(true);
  }

  /** Starts listening; {@code onNotify} runs in the listener's thread, so it must be quick. */
  public static PgNotifications start(DataSource dataSource, Runnable onNotify) {
    var notifications = new PgNotifications(dataSource, onNotify);
    notifications.thread.start();
    return notifications;
  }

  private void listen() {
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
          if (received != null && received.length > 0) {
            onNotify.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          log.warn("Listening for job notifications failed; polling covers it until it is back", e);
          pause();
        }
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(RECONNECT_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
