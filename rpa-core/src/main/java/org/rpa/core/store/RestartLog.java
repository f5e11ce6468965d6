package org.rpa.core.store;

import org.rpa.core.supervise.RestartEvent;
import org.rpa.core.supervise.RestartHistoryPage;

/**
 * The supervisor's restart history in the store ({@code supervisor_restarts}), so that it survives
 * a restart of the process; every process sharing the database writes to it, each event naming its
 * executor. Bounded: each {@link #append} also deletes the events beyond the newest {@value
 * #RETAINED}, so a loop that keeps crashing cannot grow the table between the daily cleanups.
 *
 * <p>Thread-safe. Every method throws {@link org.rpa.core.StoreException} when the database fails.
 */
public interface RestartLog {
  /** How many events the table keeps. */
  int RETAINED = 10_000;

  /** The longest error message kept; longer ones are cut. */
  int MAX_ERROR_LENGTH = 1_000;

  /**
   * Keeps {@code event} as the newest, in one transaction with the deletion of the events beyond
   * the newest {@value #RETAINED}.
   *
   * @param event its {@code executorId} is stored as given (may be null)
   */
  void append(RestartEvent event);

  /**
   * One page of events, newest first (by insertion order, which timestamps from an injected clock
   * may not tell apart).
   *
   * @param loopName only this loop's events, or {@code null} for all
   * @param limit at least 1
   * @param offset at least 0
   */
  RestartHistoryPage page(String loopName, int limit, int offset);

  /** How many events the table holds. */
  int count();
}
