package org.rpa.core.store;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.rpa.core.analytics.ExecutionStats;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.metrics.DurationStats;

/**
 * The figures of a group of finished executions that add up: counts by status, retries, the sum and
 * extremes of the durations, the first and last start, and a histogram of the durations by {@link
 * DurationBuckets}. One per (hour, job type) row of the rollups, and one per group when rollups and
 * the executions of a window's edges are added up. Not thread-safe.
 */
final class RollupTally {
  long executions;
  long success;
  long failed;
  long timedOut;
  long cancelled;
  long retries;
  long timed;
  long durationSum;
  Long durationMin;
  Long durationMax;
  Instant firstStarted;
  Instant lastStarted;
  final TreeMap<Integer, Long> buckets = new TreeMap<>();

  /** Counts one finished execution; {@code durationMs} is null when its duration is unknown. */
  void add(ExecutionStatus status, int attempt, Long durationMs, Instant startedAt) {
    executions++;
    switch (status) {
      case SUCCESS -> success++;
      case FAILED -> failed++;
      case TIMEOUT -> timedOut++;
      case CANCELLED -> cancelled++;
      case RUNNING -> throw new IllegalArgumentException("a RUNNING execution has not finished");
    }
    if (attempt > 1) {
      retries++;
    }
    if (durationMs != null) {
      timed++;
      durationSum += durationMs;
      durationMin = durationMin == null ? durationMs : Math.min(durationMin, durationMs);
      durationMax = durationMax == null ? durationMs : Math.max(durationMax, durationMs);
      buckets.merge(DurationBuckets.of(durationMs), 1L, Long::sum);
    }
    started(startedAt, startedAt);
  }

  /** Adds {@code other}'s figures to these. */
  void add(RollupTally other) {
    executions += other.executions;
    success += other.success;
    failed += other.failed;
    timedOut += other.timedOut;
    cancelled += other.cancelled;
    retries += other.retries;
    timed += other.timed;
    durationSum += other.durationSum;
    durationMin = min(durationMin, other.durationMin);
    durationMax = max(durationMax, other.durationMax);
    started(other.firstStarted, other.lastStarted);
    other.buckets.forEach((bucket, count) -> buckets.merge(bucket, count, Long::sum));
  }

  /** Widens the span of starts to {@code first} .. {@code last}; nulls leave it. */
  void started(Instant first, Instant last) {
    if (first != null && (firstStarted == null || first.isBefore(firstStarted))) {
      firstStarted = first;
    }
    if (last != null && (lastStarted == null || last.isAfter(lastStarted))) {
      lastStarted = last;
    }
  }

  /**
   * The statistics of the group {@code group}; without {@code percentiles}, theirs are NaN. A
   * percentile is nearest rank over the histogram: the longest duration of the bucket that holds
   * the rank, within the group's extremes, so at most one bucket's width (6.25 %) above the exact
   * value, and exact under 32 ms.
   */
  ExecutionStats stats(String group, boolean percentiles) {
    var durations =
        timed == 0
            ? (percentiles ? DurationStats.EMPTY : WITHOUT_PERCENTILES)
            : new DurationStats(
                timed,
                (double) durationSum / timed,
                durationMin,
                durationMax,
                percentiles ? percentile(50) : Double.NaN,
                percentiles ? percentile(90) : Double.NaN,
                percentiles ? percentile(99) : Double.NaN);
    return new ExecutionStats(
        group,
        executions,
        success,
        failed,
        timedOut,
        cancelled,
        retries,
        durations,
        firstStarted,
        lastStarted);
  }

  /** The durations of an empty group, when percentiles are not asked for. */
  private static final DurationStats WITHOUT_PERCENTILES = DurationStats.EMPTY.withoutPercentiles();

  private long percentile(int percent) {
    long rank = (timed * percent + 99) / 100;
    long seen = 0;
    for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
      seen += bucket.getValue();
      if (seen >= rank) {
        long upper = DurationBuckets.upperBound(bucket.getKey());
        return Math.max(durationMin, Math.min(upper, durationMax));
      }
    }
    return durationMax;
  }

  private static Long min(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.min(a, b));
  }

  private static Long max(Long a, Long b) {
    return a == null ? b : b == null ? a : Long.valueOf(Math.max(a, b));
  }
}
