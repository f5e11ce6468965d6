package org.rpa.core.supervise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.rpa.core.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The restart events of all loops, kept in {@link RestartRecords}: the newest {@value #CAPACITY} in
 * memory by default, or the store's table when the engine gives one (see {@link
 * Supervisor.Builder#restartRecords}).
 *
 * <p>The supervisor adds events under its lock; they are written to the records by {@link
 * #flush()}, which the supervisor calls once it has released the lock, and which every read calls
 * first, so a read sees every event added before it. An event the records refuse (the database is
 * down) stays pending, in order, and is written by the next flush; at most {@value #CAPACITY} wait,
 * the oldest are dropped beyond that.
 *
 * <p>Thread-safe.
 */
public final class RestartHistory {
  private static final Logger log = LoggerFactory.getLogger(RestartHistory.class);

  /** How many events the in-memory records keep, and how many may wait for a flush. */
  public static final int CAPACITY = 1_000;

  /** The largest page {@link #page} serves. */
  public static final int MAX_LIMIT = 100;

  private final RestartRecords records;
  private final Deque<RestartEvent> pending = new ArrayDeque<>();
  private final Object flushing = new Object();

  RestartHistory() {
    this(RestartRecords.inMemory(CAPACITY));
  }

  RestartHistory(RestartRecords records) {
    this.records = Objects.requireNonNull(records, "records");
  }

  /** Queues {@code event} for the next {@link #flush()}; cheap, safe under the supervisor lock. */
  void add(RestartEvent event) {
    synchronized (pending) {
      pending.addLast(event);
      if (pending.size() > CAPACITY) {
        RestartEvent dropped = pending.removeFirst();
        log.warn("Restart history: dropped an unrecorded event of loop '{}'", dropped.loopName());
      }
    }
  }

  /**
   * Writes the queued events to the records, oldest first; stops at the first that fails (it is
   * tried again next time) and never throws.
   */
  void flush() {
    synchronized (flushing) {
      while (true) {
        RestartEvent next;
        synchronized (pending) {
          next = pending.peekFirst();
        }
        if (next == null) {
          return;
        }
        try {
          records.append(next);
        } catch (RuntimeException e) {
          log.warn(
              "Restart history: could not record an event of loop '{}' ({}); will retry",
              next.loopName(),
              e.getMessage());
          return;
        }
        synchronized (pending) {
          if (pending.peekFirst() == next) {
            pending.removeFirst();
          }
        }
      }
    }
  }

  /** How many events are kept now. */
  public int size() {
    flush();
    return records.count();
  }

  /**
   * One page of events, newest first.
   *
   * @param loopName only this loop's events, or {@code null} for all
   * @param limit how many events at most, 1 to {@value #MAX_LIMIT}
   * @param offset how many matching events to skip, at least 0
   * @throws InvalidRequestException naming {@code worker_name}, {@code limit} or {@code offset}
   * @throws org.rpa.core.StoreException if the history is in the store and the database fails
   */
  public RestartHistoryPage page(String loopName, int limit, int offset) {
    if (loopName != null && !Supervisor.NAME.matcher(loopName).matches()) {
      throw new InvalidRequestException(
          "worker_name", loopName, "must match " + Supervisor.NAME.pattern());
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidRequestException("limit", limit, "must be between 1 and " + MAX_LIMIT);
    }
    if (offset < 0) {
      throw new InvalidRequestException("offset", offset, "must be >= 0");
    }
    flush();
    return records.page(loopName, limit, offset);
  }
}
