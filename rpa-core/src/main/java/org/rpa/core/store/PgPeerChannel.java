package org.rpa.core.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@link PeerChannel} on PostgreSQL: {@code pg_notify} to send, and a {@link PgNotifications}
 * listener of its own ({@code rpa-peer-listener-1}) to hear.
 *
 * <p>Thread-safe.
 */
final class PgPeerChannel implements PeerChannel {
  static final String CHANNEL = "rpa_events";

  private final JdbcJobStore store;
  private final PgNotifications listener;

  PgPeerChannel(JdbcJobStore store, Consumer<List<String>> onMessages, Clock clock) {
    this.store = store;
    this.listener =
        PgNotifications.listen(
            store.dataSource(), CHANNEL, "rpa-peer-listener-1", onMessages, clock);
  }

  @Override
  public void send(List<String> messages) {
    if (messages.isEmpty()) {
      return;
    }
    for (String message : messages) {
      int bytes = message.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_MESSAGE_BYTES) {
        throw new IllegalArgumentException(
            "message must be at most " + MAX_MESSAGE_BYTES + " bytes, but was " + bytes);
      }
    }
    store.write(
        "notify peers",
        handle ->
            handle
                .createQuery(
                    "SELECT pg_notify('"
                        + CHANNEL
                        + "', m) FROM unnest(CAST(:messages AS text[])) m")
                .bindArray("messages", String.class, messages)
                .map((rs, ctx) -> 1)
                .list());
  }

  @Override
  public boolean listening() {
    return listener.listening();
  }

  /**
   * Counts the backends whose last statement is this channel's {@code LISTEN}: a listener sends
   * nothing after it. Sessions of another database user show no statement, so they count only when
   * every instance connects as the same user.
   */
  @Override
  public int listeners() {
    try {
      return store.read(
          "count peer listeners",
          handle ->
              handle
                  .createQuery(
                      "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                          + " AND query = 'LISTEN "
                          + CHANNEL
                          + "'")
                  .mapTo(Integer.class)
                  .one());
    } catch (RuntimeException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    listener.close();
  }
}
