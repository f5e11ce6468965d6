package org.rpa.core.supervise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.rpa.core.InvalidRequestException;

/**
 * The most recent {@value #CAPACITY} restart events of all loops; older ones are dropped.
 *
 * <p>Thread-safe.
 */
public final class RestartHistory {
  /** How many events are kept. */
  public static final int CAPACITY = 1_000;

  /** The largest page {@link #page} serves. */
  public static final int MAX_LIMIT = 100;

  private final Deque<RestartEvent> events = new ArrayDeque<>();

  RestartHistory() {}

  synchronized void add(RestartEvent event) {
    events.addLast(event);
    if (events.size() > CAPACITY) {
      events.removeFirst();
    }
  }

  /** How many events are kept now. */
  public synchronized int size() {
    return events.size();
  }

  /**
   * One page of events, newest first.
   *
   * @param loopName only this loop's events, or {@code null} for all
   * @param limit how many events at most, 1 to {@value #MAX_LIMIT}
   * @param offset how many matching events to skip, at least 0
   * @throws InvalidRequestException naming {@code worker_name}, {@code limit} or {@code offset}
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
    List<RestartEvent> items = new ArrayList<>();
    int total = 0;
    synchronized (this) {
      for (Iterator<RestartEvent> newest = events.descendingIterator(); newest.hasNext(); ) {
        RestartEvent event = newest.next();
        if (loopName == null || loopName.equals(event.loopName())) {
          if (total >= offset && items.size() < limit) {
            items.add(event);
          }
          total++;
        }
      }
    }
    return new RestartHistoryPage(
        items, total, limit, offset, items.size(), offset + items.size() < total);
  }
}
