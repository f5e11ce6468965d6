package org.rpa.core.store;

/**
 * The buckets of the duration histograms kept per hour and job type. A duration under 32 ms has a
 * bucket of its own; above, each power of two is cut into 16 buckets, so that a bucket is at most
 * 1/16 (6.25 %) of its lower bound wide. A day fits in 440 buckets; a histogram holds only the
 * buckets that have a duration. The numbering is stored: it must never change.
 */
final class DurationBuckets {
  /** Durations below this many milliseconds are counted exactly, one bucket each. */
  private static final int EXACT = 32;

  private static final int SUB_BUCKETS = 16;

  /** log2 of {@link #EXACT}: the first power of two cut into sub-buckets. */
  private static final int FIRST_POWER = 5;

  private DurationBuckets() {}

  /** The bucket of a duration of {@code millis} (0 or more). */
  static int of(long millis) {
    if (millis < EXACT) {
      return (int) Math.max(0, millis);
    }
    int power = 63 - Long.numberOfLeadingZeros(millis);
    int sub = (int) ((millis >>> (power - 4)) & (SUB_BUCKETS - 1));
    return EXACT + (power - FIRST_POWER) * SUB_BUCKETS + sub;
  }

  /** The longest duration in milliseconds that falls in {@code bucket}. */
  static long upperBound(int bucket) {
    if (bucket < EXACT) {
      return bucket;
    }
    int power = (bucket - EXACT) / SUB_BUCKETS + FIRST_POWER;
    int sub = (bucket - EXACT) % SUB_BUCKETS;
    return ((SUB_BUCKETS + sub + 1L) << (power - 4)) - 1;
  }
}
