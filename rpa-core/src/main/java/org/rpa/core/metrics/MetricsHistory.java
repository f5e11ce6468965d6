package org.rpa.core.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The most recent {@link Snapshot}s, oldest dropped first once {@link #capacity()} is reached.
 *
 * <p>Thread-safe: every method holds the history's lock for a short copy or update.
 */
public final class MetricsHistory {
  /** 24 hours of five-minute points. */
  public static final int DEFAULT_CAPACITY = 288;

  private final int capacity;
  private final ArrayDeque<Snapshot> snapshots;

  /** A history of {@link #DEFAULT_CAPACITY} points. */
  public MetricsHistory() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * A history of {@code capacity} points.
   *
   * @throws IllegalArgumentException when {@code capacity} is below 1
   */
  public MetricsHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
    }
    this.capacity = capacity;
    this.snapshots = new ArrayDeque<>(capacity);
  }

  /** Appends {@code snapshot} as the newest point, dropping the oldest when full. */
  public synchronized void add(Snapshot snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    if (snapshots.size() == capacity) {
      snapshots.removeFirst();
    }
    snapshots.addLast(snapshot);
  }

  /**
   * A copy of the points, newest first (the order of {@code GET /metrics}'s {@code metrics} array).
   */
  public synchronized List<Snapshot> newestFirst() {
    List<Snapshot> copy = new ArrayList<>(snapshots.size());
    for (Iterator<Snapshot> it = snapshots.descendingIterator(); it.hasNext(); ) {
      copy.add(it.next());
    }
    return List.copyOf(copy);
  }

  /** Each count averaged over every point held; {@link Averages#ZERO} when empty. */
  public synchronized Averages averages() {
    int size = snapshots.size();
    if (size == 0) {
      return Averages.ZERO;
    }
    double queued = 0;
    double running = 0;
    double completed = 0;
    double failed = 0;
    for (Snapshot snapshot : snapshots) {
      queued += snapshot.queuedJobs();
      running += snapshot.runningJobs();
      completed += snapshot.completedJobs();
      failed += snapshot.failedJobs();
    }
    return new Averages(queued / size, running / size, completed / size, failed / size);
  }

  public synchronized int size() {
    return snapshots.size();
  }

  public int capacity() {
    return capacity;
  }
}
