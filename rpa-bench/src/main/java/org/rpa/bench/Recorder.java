package org.rpa.bench;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What every benchmark job does: records that job {@code i} started, and when. Static because
 * JobRunr and Quartz create their job objects by reflection. Thread-safe.
 */
public final class Recorder {
  private static volatile AtomicIntegerArray runs = new AtomicIntegerArray(0);
  private static volatile AtomicLongArray submitted = new AtomicLongArray(0);
  private static volatile AtomicLongArray started = new AtomicLongArray(0);
  private static final AtomicLong firstRuns = new AtomicLong();

  private Recorder() {}

  /** Makes room for jobs {@code 0 .. capacity-1}; forgets everything recorded before. */
  public static void reset(int capacity) {
    runs = new AtomicIntegerArray(capacity);
    submitted = new AtomicLongArray(capacity);
    started = new AtomicLongArray(capacity);
    firstRuns.set(0);
  }

  /** The job body: records the start of job {@code i}. */
  public static void ran(int i) {
    long now = System.nanoTime();
    if (runs.getAndIncrement(i) == 0) {
      started.set(i, now);
      firstRuns.incrementAndGet();
    }
  }

  static void submitting(int i) {
    submitted.set(i, System.nanoTime());
  }

  /** How many distinct jobs have started at least once. */
  static long distinctRuns() {
    return firstRuns.get();
  }

  static int runs(int i) {
    return runs.get(i);
  }

  static long submittedAt(int i) {
    return submitted.get(i);
  }

  static long startedAt(int i) {
    return started.get(i);
  }
}
