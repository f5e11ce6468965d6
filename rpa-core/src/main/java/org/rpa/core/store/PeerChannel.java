package org.rpa.core.store;

import java.util.List;

/**
 * Text messages between the orchestrators that share one PostgreSQL database, on a channel of its
 * own ({@code LISTEN}/{@code NOTIFY rpa_events}): what one sends, every listening instance hears
 * once its transaction commits, itself included. Delivery is best effort: an instance whose
 * listening connection is lost misses what is sent meanwhile.
 *
 * <p>Thread-safe.
 */
public interface PeerChannel extends AutoCloseable {
  /** The largest message, in UTF-8 bytes, that {@link #send} takes (PostgreSQL's limit is 8000). */
  int MAX_MESSAGE_BYTES = 7_900;

  /**
   * Sends {@code messages}, in order, in one transaction.
   *
   * @throws IllegalArgumentException if a message is longer than {@link #MAX_MESSAGE_BYTES}
   * @throws org.rpa.core.StoreException if the database fails
   */
  void send(List<String> messages);

  /** Whether the listening connection listens now. */
  boolean listening();

  /**
   * How many connections, of every instance, listen on the channel now, this one's included; -1
   * when the database does not say.
   */
  int listeners();

  /** Stops listening and ends the listener's thread. */
  @Override
  void close();
}
