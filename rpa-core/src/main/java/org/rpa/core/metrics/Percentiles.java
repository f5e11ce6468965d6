package org.rpa.core.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * Nearest-rank percentiles: the {@code p}-th percentile of {@code n} sorted values is the value at
 * rank {@code ceil(p / 100 × n)} (1-based, at least 1). It is always one of the values, never an
 * interpolation. Empty input gives zero.
 *
 * <p>Thread-safe (stateless). Inputs are never modified.
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The {@code p}-th percentile of {@code values}, in any order.
   *
   * @throws IllegalArgumentException when {@code p} is not in [0, 100]
   */
  public static long percentile(long[] values, double p) {
    Objects.requireNonNull(values, "values");
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return percentileOfSorted(sorted, p);
  }

  /**
   * The {@code p}-th percentile of {@code sorted}, which must be in ascending order.
   *
   * @throws IllegalArgumentException when {@code p} is not in [0, 100]
   */
  public static long percentileOfSorted(long[] sorted, double p) {
    Objects.requireNonNull(sorted, "sorted");
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("p must be in [0, 100], but was " + p);
    }
    if (sorted.length == 0) {
      return 0;
    }
    // p * n is exact for whole p, so dividing last keeps ranks like 7 % of 100 from becoming 8.
    int rank = (int) Math.ceil(p * sorted.length / 100.0);
    return sorted[Math.max(rank, 1) - 1];
  }

  /**
   * The {@code p}-th percentile of {@code durations}, at nanosecond precision.
   *
   * @throws IllegalArgumentException when {@code p} is not in [0, 100]
   */
  public static Duration percentile(Collection<Duration> durations, double p) {
    Objects.requireNonNull(durations, "durations");
    long[] nanos = durations.stream().mapToLong(Duration::toNanos).toArray();
    return Duration.ofNanos(percentile(nanos, p));
  }
}
