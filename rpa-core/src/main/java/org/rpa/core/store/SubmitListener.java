package org.rpa.core.store;

import java.time.Instant;

/**
 * What hears other instances' submits, on its own connection ({@code LISTEN rpa_jobs} on
 * PostgreSQL), and the state of that connection: while it does not listen, those submits reach this
 * instance only through the dispatcher's poll.
 *
 * <p>Thread-safe.
 */
public interface SubmitListener extends AutoCloseable {

  /** The channel it listens on. */
  String channel();

  /** Whether its connection listens now. */
  boolean listening();

  /** When it last started or stopped listening, by the clock it was given. */
  Instant since();

  /** Why its connection was last lost, or {@code null} if it never was. */
  String lastError();

  /** Stops listening and ends its thread. */
  @Override
  void close();
}
