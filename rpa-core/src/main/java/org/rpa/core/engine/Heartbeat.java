package org.rpa.core.engine;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.rpa.core.event.EventBus;
import org.rpa.core.event.ExecutorHeartbeat;
import org.rpa.core.job.JobId;
import org.rpa.core.store.ExecutorRecord;
import org.rpa.core.store.JobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lease per executor, renewed by one heartbeat: not one per job. Each beat also finds the
 * executor's jobs that it no longer owns (cancelled elsewhere, or recovered after a lapse) and
 * stops their handlers.
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
  private final Instant startedAt;

  public Heartbeat(
      JobStore store,
      LocalExecutor executor,
      EventBus events,
      Clock clock,
      Duration lease,
      String host) {
    this.store = store;
    this.executor = executor;
    this.events = events;
    this.clock = clock;
    this.lease = lease;
    this.host = host;
    this.startedAt = clock.instant();
  }

  /** Writes this executor's row with a fresh lease. */
  public void register() {
    Instant now = clock.instant();
    store.registerExecutor(
        new ExecutorRecord(
            executor.id(),
            host,
            "local",
            executor.concurrency(),
            executor.activeJobs(),
            startedAt,
            now,
            now.plus(lease),
            null));
  }

  /** Renews the lease and stops the handlers of jobs this executor lost. */
  public void runOnce() {
    Instant now = clock.instant();
    int active = executor.activeJobs();
    if (!store.heartbeat(executor.id(), active, now, now.plus(lease))) {
      log.warn("Executor {} had no live row; registering it again", executor.id());
      register();
    }
    Set<JobId> lost = store.lostAmong(executor.id(), executor.leased());
    if (!lost.isEmpty()) {
      executor.stop(lost, "no longer leased to this executor");
    }
    events.publish(
        new ExecutorHeartbeat(
            executor.id(),
            active > 0 ? "busy" : "idle",
            active,
            executor.concurrency(),
            cpuPercent(),
            memoryMb(),
            now));
  }

  /** Ends the lease now: what this executor still holds can be recovered at once. */
  public void stop() {
    store.stopExecutor(executor.id(), clock.instant());
  }

  private static double cpuPercent() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      double load = sun.getProcessCpuLoad();
      return load < 0 ? 0.0 : Math.round(load * 1000.0) / 10.0;
    }
    return 0.0;
  }

  private static double memoryMb() {
    Runtime runtime = Runtime.getRuntime();
    double used = runtime.totalMemory() - runtime.freeMemory();
    return Math.round(used / 1024.0 / 1024.0 * 10.0) / 10.0;
  }
}
