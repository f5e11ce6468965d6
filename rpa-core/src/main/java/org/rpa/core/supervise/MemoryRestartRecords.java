package org.rpa.core.supervise;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** The newest {@code capacity} restart events, in memory. Thread-safe. */
final class MemoryRestartRecords implements RestartRecords {
  private final int capacity;
  private final Deque<RestartEvent> events = new ArrayDeque<>();

  MemoryRestartRecords(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, but was " + capacity);
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized void append(RestartEvent event) {
    events.addLast(event);
    if (events.size() > capacity) {
      events.removeFirst();
    }
  }

  @Override
  public synchronized int count() {
    return events.size();
  }

  @Override
  public synchronized RestartHistoryPage page(String loopName, int limit, int offset) {
    List<RestartEvent> items = new ArrayList<>();
    int total = 0;
    for (Iterator<RestartEvent> newest = events.descendingIterator(); newest.hasNext(); ) {
      RestartEvent event = newest.next();
      if (loopName == null || loopName.equals(event.loopName())) {
        if (total >= offset && items.size() < limit) {
          items.add(event);
        }
        total++;
      }
    }
    return RestartHistoryPage.of(items, total, limit, offset);
  }
}
