package org.rpa.core.store;

import java.time.Instant;

/**
 * An executor's row: who it is, its load, and its lease.
 *
 * @param kind {@code local} for an orchestrator's in-process worker, {@code remote} for a worker
 *     service
 * @param stoppedAt null while it has not stopped cleanly
 */
public record ExecutorRecord(
    String id,
    String host,
    String kind,
    int capacity,
    int activeJobs,
    Instant startedAt,
    Instant heartbeatAt,
    Instant leaseUntil,
    Instant stoppedAt) {

  /** True while its lease has not expired at {@code now}. */
  public boolean isAlive(Instant now) {
    return stoppedAt == null && leaseUntil.isAfter(now);
  }
}
