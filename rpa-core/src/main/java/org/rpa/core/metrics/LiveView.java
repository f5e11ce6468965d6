package org.rpa.core.metrics;

import java.util.Objects;

/**
 * The {@link LiveCounters} at one moment. Counters are totals since start; they are read one by one
 * without a lock, so a view taken under load may be off by a few between fields.
 *
 * @param pickUpLatency submit → start, over the last {@value LatencyRecorder#WINDOW} jobs
 * @param claimLatency time to claim a job, over the last {@value LatencyRecorder#WINDOW} claims
 */
public record LiveView(
    long submitted,
    long claimed,
    long started,
    long succeeded,
    long failedBusiness,
    long failedTechnical,
    long retried,
    long timedOut,
    long cancelled,
    long recovered,
    long expired,
    DurationStats pickUpLatency,
    DurationStats claimLatency) {
  public LiveView {
    Objects.requireNonNull(pickUpLatency, "pickUpLatency");
    Objects.requireNonNull(claimLatency, "claimLatency");
  }
}
