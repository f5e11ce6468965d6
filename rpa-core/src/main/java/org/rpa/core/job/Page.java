package org.rpa.core.job;

import java.util.List;

/**
 * One page of a query.
 *
 * @param nextCursor pass to {@link JobQuery#after(String)} for the next page; null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }

  /** A page of jobs; it has a next cursor when it is full. */
  public static Page<Job> ofJobs(List<Job> jobs, int limit) {
    String next =
        jobs.size() == limit && !jobs.isEmpty()
            ? JobQuery.encodeCursor(jobs.get(jobs.size() - 1).id().value())
            : null;
    return new Page<>(jobs, next);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}
