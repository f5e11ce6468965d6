package org.rpa.core.store;

import java.time.Instant;
import org.rpa.core.metrics.ResourceSample;

/**
 * An executor's row: who it is, its load, its lease and what its process last reported using.
 *
 * @param kind {@code local} for an orchestrator's in-process worker, {@code remote} for a worker
 *     service
 * @param address a remote worker's URL; null for an in-process worker
 * @param capacity how many jobs it runs at once; 0 when it runs no job type
 * @param stoppedAt null while it has not stopped cleanly
 * @param resources null until it reports a sample
 */
public record ExecutorRecord(
    String id,
    String host,
    String kind,
    String address,
    int capacity,
    int activeJobs,
    Instant startedAt,
    Instant heartbeatAt,
    Instant leaseUntil,
    Instant stoppedAt,
    ResourceSample resources) {

  /** The {@link #kind} of an orchestrator's in-process worker. */
  public static final String LOCAL = "local";

  /**
   * The {@link #kind} of a worker service, whose lease the orchestrators renew as they probe it.
   */
  public static final String REMOTE = "remote";

  /** True for a worker service. */
  public boolean isRemote() {
    return REMOTE.equals(kind);
  }

  /** True while its lease has not expired at {@code now}. */
  public boolean isAlive(Instant now) {
    return stoppedAt == null && leaseUntil.isAfter(now);
  }

  /** True while it is alive and can run at least one job at once. */
  public boolean canRun(Instant now) {
    return capacity > 0 && isAlive(now);
  }
}
