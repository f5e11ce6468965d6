package org.rpa.core.supervise;

import java.util.List;

/**
 * One page of restart events, newest first.
 *
 * @param total how many events match the filter, across all pages
 * @param itemsCount how many events this page holds
 * @param hasMore whether events follow this page
 */
public record RestartHistoryPage(
    List<RestartEvent> items, int total, int limit, int offset, int itemsCount, boolean hasMore) {
  public RestartHistoryPage {
    items = List.copyOf(items);
  }

  /** The page of {@code items} found at {@code offset} among {@code total} matching events. */
  public static RestartHistoryPage of(List<RestartEvent> items, int total, int limit, int offset) {
    return new RestartHistoryPage(
        items, total, limit, offset, items.size(), (long) offset + items.size() < total);
  }
}
