package org.rpa.core.supervise;

/**
 * Where a {@link RestartHistory} keeps its events: in memory by default ({@link
 * RestartRecords#inMemory(int)}), or in the job store, so that the history survives a restart of
 * the process (the engine passes one to {@link Supervisor.Builder#restartRecords}). The {@link
 * RestartHistory} validates the arguments before it calls {@link #page}.
 *
 * <p>Implementations must be thread-safe; {@link #append} is never called under the supervisor's
 * lock, so a slow or failing database cannot hold the loops up.
 */
public interface RestartRecords {

  /** Keeps {@code event} as the newest. */
  void append(RestartEvent event);

  /**
   * One page, newest first.
   *
   * @param loopName only this loop's events, or {@code null} for all
   * @param limit 1 to {@link RestartHistory#MAX_LIMIT}
   * @param offset at least 0
   */
  RestartHistoryPage page(String loopName, int limit, int offset);

  /** How many events are kept now. */
  int count();

  /** The newest {@code capacity} events, in memory; older ones are dropped. */
  static RestartRecords inMemory(int capacity) {
    return new MemoryRestartRecords(capacity);
  }
}
