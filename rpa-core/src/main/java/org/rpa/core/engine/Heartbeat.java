package org.rpa.core.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.event.EventBus;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.job.JobId;
import org.rpa.core.metrics.ResourceMeter;
import org.rpa.core.metrics.ResourceSample;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lease per executor, renewed by one heartbeat: not one per job. Each beat records the
 * executor's load and what its process uses, and finds the executor's jobs that it no longer owns
 * (cancelled elsewhere, or recovered after a lapse) and stops their handlers.
 *
 * <p>Thread-safe, though one thread drives it.
 */
final class Heartbeat {
  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

  private final JobStore store;
  private final LocalExecutor executor;
  private final EventBus events;
  private final Clock clock;
  private final Duration lease;
  private final String host;
  private final int capacity;
  private final ResourceMeter meter;
  private final Instant startedAt;

  /**
   * @param capacity what the row says the executor runs at once: 0 when it has no handler
   */
  Heartbeat(
      JobStore store,
      LocalExecutor executor,
      EventBus events,
      EngineConfig config,
      int capacity,
      ResourceMeter meter) {
    this.store = store;
    this.executor = executor;
    this.events = events;
    this.clock = config.clock();
    this.lease = config.leaseLength();
    this.host = config.hostName();
    this.capacity = capacity;
    this.meter = meter;
    this.startedAt = clock.instant();
  }

  /** Writes this executor's row with a fresh lease. */
  public void register() {
    Instant now = clock.instant();
    register(now, meter.sample(now));
  }

  private void register(Instant now, ResourceSample resources) {
    store.registerExecutor(
        new ExecutorRecord(
            executor.id(),
            host,
            ExecutorRecord.LOCAL,
            null,
            capacity,
            executor.activeJobs(),
            startedAt,
            now,
            now.plus(lease),
            null,
            resources));
  }

  /** Renews the lease and stops the handlers of jobs this executor lost. */
  public void runOnce() {
    Instant now = clock.instant();
    int active = executor.activeJobs();
    ResourceSample resources = meter.sample(now);
    if (!store.heartbeat(executor.id(), active, resources, now, now.plus(lease))) {
      log.warn("Executor {} had no live row; registering it again", executor.id());
      register(now, resources);
    }
    Set<JobId> lost = store.lostAmong(executor.id(), executor.leased());
    if (!lost.isEmpty()) {
      executor.stop(lost, "no longer leased to this executor");
    }
    events.publish(
        new ExecutorHeartbeat(
            executor.id(),
            Fleet.State.of(true, capacity, active).label(),
            active,
            capacity,
            resources.cpuPercent(),
            resources.memoryMb(),
            now));
  }

  /** Ends the lease now: what this executor still holds can be recovered at once. */
  public void stop() {
    store.stopExecutor(executor.id(), clock.instant());
  }
}
