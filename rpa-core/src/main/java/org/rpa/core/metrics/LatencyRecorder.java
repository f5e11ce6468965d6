package org.rpa.core.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The last {@value #WINDOW} latency samples in a fixed ring, plus how many were ever recorded.
 *
 * <p>Thread-safe and lock-free; {@link #record(long)} allocates nothing. A {@link #snapshot()}
 * taken while writers are busy may mix in a sample or two from the next lap of the ring, or read a
 * slot that is claimed but not yet written (as zero): fine for monitoring, not for accounting.
 */
public final class LatencyRecorder {
  /** How many of the most recent samples are kept. A power of two. */
  public static final int WINDOW = 8192;

  private static final int MASK = WINDOW - 1;

  private final AtomicLongArray samples = new AtomicLongArray(WINDOW);
  private final AtomicLong recorded = new AtomicLong();

  /** Records one latency in nanoseconds; a negative value (clock skew) is recorded as zero. */
  public void record(long nanos) {
    long index = recorded.getAndIncrement();
    samples.set((int) (index & MASK), Math.max(0, nanos));
  }

  /** How many samples were ever recorded, including those that left the window. */
  public long totalCount() {
    return recorded.get();
  }

  /** Statistics over the samples in the window, in fractional milliseconds. */
  public DurationStats snapshot() {
    int size = (int) Math.min(recorded.get(), WINDOW);
    long[] copy = new long[size];
    for (int i = 0; i < size; i++) {
      copy[i] = samples.get(i);
    }
    return DurationStats.ofNanos(copy);
  }

  /**
   * Statistics over the samples numbered {@code from} (inclusive) to {@code to} (exclusive), both
   * {@link #totalCount()} as read at two moments: exactly those when they are at most {@value
   * #WINDOW} and still in the window, else the newest of them that are. Samples recorded after
   * {@code to} are left out, so the count agrees with the two readings.
   */
  public DurationStats snapshotBetween(long from, long to) {
    long end = Math.min(to, recorded.get());
    long start = Math.max(Math.max(0, from), recorded.get() - WINDOW);
    if (start >= end) {
      return DurationStats.EMPTY;
    }
    long[] copy = new long[(int) (end - start)];
    for (long i = start; i < end; i++) {
      copy[(int) (i - start)] = samples.get((int) (i & MASK));
    }
    return DurationStats.ofNanos(copy);
  }
}
