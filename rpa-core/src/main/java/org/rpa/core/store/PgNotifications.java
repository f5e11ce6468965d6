package org.rpa.core.store;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes this instance's dispatcher when another instance submits a due job, through PostgreSQL's
 * {@code LISTEN}/{@code NOTIFY}: a submit sends {@code NOTIFY rpa_jobs} in its transaction, and
 * this listener, on one connection of its own, hears it when that transaction commits. The poll
 * stays the safety net for a lost connection: while the connection is lost ({@link #listening()}
 * false) it tries again every second. The same listener, on a channel of its own, carries the
 * events the orchestrators share ({@link PgPeerChannel}).
 *
 * <p>Thread-safe: one daemon thread ({@code rpa-listener-1} for submits); {@link #close()} stops
 * it.
 */
final class PgNotifications implements SubmitListener {
  static final String CHANNEL = "rpa_jobs";
  private static final Logger log = LoggerFactory.getLogger(PgNotifications.class);
  private static final int WAIT_MILLIS = 500;
  private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final String channel;
  private final Consumer<List<String>> onNotify;
  private final Clock clock;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean listening;
  private volatile Instant since;
  private volatile String lastError;

  private PgNotifications(
      DataSource dataSource,
      String channel,
      String threadName,
      Consumer<List<String>> onNotify,
      Clock clock) {
    this.dataSource = dataSource;
    this.channel = channel;
    this.onNotify = onNotify;
    this.clock = clock;
    this.since = clock.instant();
    this.thread = new Thread(this::listen, threadName);
    thread.setDaemon(true);
  }

  /** Starts listening; {@code onNotify} runs in the listener's thread, so it must be quick. */
  public static PgNotifications start(DataSource dataSource, Runnable onNotify, Clock clock) {
    return listen(dataSource, CHANNEL, "rpa-listener-1", payloads -> onNotify.run(), clock);
  }

  /**
   * Starts listening on {@code channel}; {@code onNotify} gets the payloads of each batch of
   * notifications received together, in their order, in the listener's thread.
   */
  static PgNotifications listen(
      DataSource dataSource,
      String channel,
      String threadName,
      Consumer<List<String>> onNotify,
      Clock clock) {
    var notifications = new PgNotifications(dataSource, channel, threadName, onNotify, clock);
    notifications.thread.start();
    return notifications;
  }

  private void listen() {
    while (running) {
      Connection connection = null;
      try {
        connection = dataSource.getConnection();
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + channel);
        }
        PGConnection pg = connection.unwrap(PGConnection.class);
        changeState(true, lastError);
        while (running) {
          PGNotification[] received = pg.getNotifications(WAIT_MILLIS);
          if (received != null && received.length > 0) {
            List<String> payloads = new ArrayList<>(received.length);
            for (PGNotification notification : received) {
              payloads.add(notification.getParameter());
            }
            onNotify.accept(payloads);
          }
        }
      } catch (SQLException | RuntimeException e) {
        changeState(false, describe(e));
        if (running) {
          log.warn("Listening on {} failed; trying again in a second", channel, e);
        }
      } finally {
        discard(connection);
      }
      if (running) {
        pause();
      }
    }
  }

  /**
   * Takes the connection out of the pool instead of returning it: it still listens, or it is
   * broken, and the pool cannot tell, since the failure came through the unwrapped driver
   * connection. Returned, a request would borrow it and fail.
   */
  private void discard(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      if (dataSource instanceof HikariDataSource pool) {
        pool.evictConnection(connection);
      } else {
        connection.close();
      }
    } catch (SQLException | RuntimeException e) {
      log.debug("Discarding the listener's connection failed", e);
    }
  }

  private void changeState(boolean now, String error) {
    lastError = error;
    if (listening != now) {
      since = clock.instant();
      listening = now;
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public String channel() {
    return channel;
  }

  @Override
  public boolean listening() {
    return listening;
  }

  @Override
  public Instant since() {
    return since;
  }

  @Override
  public String lastError() {
    return lastError;
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
    listening = false;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
