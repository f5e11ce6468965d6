package org.rpa.core.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Count, mean, extremes and nearest-rank percentiles of a set of durations, in milliseconds. All
 * zero for an empty set.
 *
 * @param count how many durations the figures are computed from
 * @param minMs the shortest, rounded down to a whole millisecond
 * @param maxMs the longest, rounded down to a whole millisecond
 */
public record DurationStats(
    long count, double avgMs, long minMs, long maxMs, double p50Ms, double p90Ms, double p99Ms) {
  public static final DurationStats EMPTY = new DurationStats(0, 0, 0, 0, 0, 0, 0);

  /** The same figures with the three percentiles left out: NaN. */
  public DurationStats withoutPercentiles() {
    return new DurationStats(count, avgMs, minMs, maxMs, Double.NaN, Double.NaN, Double.NaN);
  }

  /** Statistics of durations given in whole milliseconds. */
  public static DurationStats of(long[] millis) {
    return compute(millis, 1);
  }

  /** Statistics of durations given in nanoseconds; averages and percentiles keep the fraction. */
  public static DurationStats ofNanos(long[] nanos) {
    return compute(nanos, 1_000_000);
  }

  private static DurationStats compute(long[] values, long unitsPerMilli) {
    Objects.requireNonNull(values, "values");
    if (values.length == 0) {
      return EMPTY;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long value : sorted) {
      sum += value;
    }
    double perMilli = unitsPerMilli;
    return new DurationStats(
        sorted.length,
        sum / sorted.length / perMilli,
        Math.floorDiv(sorted[0], unitsPerMilli),
        Math.floorDiv(sorted[sorted.length - 1], unitsPerMilli),
        Percentiles.percentileOfSorted(sorted, 50) / perMilli,
        Percentiles.percentileOfSorted(sorted, 90) / perMilli,
        Percentiles.percentileOfSorted(sorted, 99) / perMilli);
  }
}
