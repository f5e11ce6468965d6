package org.rpa.core.analytics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobStatus;

/**
 * How many jobs there are now, by status and by kind.
 *
 * @param byStatus every status, zero included; SCHEDULED counts the jobs waiting for a retry too
 * @param waitingForRetry the SCHEDULED jobs that wait for a retry: a failed attempt of their
 *     occurrence is behind them (what a dashboard may call PENDING)
 * @param byKind both kinds, zero included
 */
public record JobCounts(
    Map<JobStatus, Long> byStatus, long waitingForRetry, Map<JobKind, Long> byKind) {
  public JobCounts {
    byStatus = complete(byStatus, JobStatus.class);
    byKind = complete(byKind, JobKind.class);
    if (waitingForRetry < 0 || waitingForRetry > byStatus.get(JobStatus.SCHEDULED)) {
      throw new IllegalArgumentException(
          "waitingForRetry must be between 0 and the SCHEDULED count, but was " + waitingForRetry);
    }
  }

  /** Every job. */
  public long total() {
    return byStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The jobs in {@code status}. */
  public long count(JobStatus status) {
    return byStatus.get(status);
  }

  /** The SCHEDULED jobs that do not wait for a retry: delayed jobs and next occurrences. */
  public long scheduledNotRetrying() {
    return byStatus.get(JobStatus.SCHEDULED) - waitingForRetry;
  }

  private static <K extends Enum<K>> Map<K, Long> complete(Map<K, Long> counts, Class<K> type) {
    var all = new EnumMap<K, Long>(type);
    for (K key : type.getEnumConstants()) {
      all.put(key, counts.getOrDefault(key, 0L));
    }
    return Collections.unmodifiableMap(all);
  }
}
