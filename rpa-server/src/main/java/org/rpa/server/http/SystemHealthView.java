package org.rpa.server.http;

import com.fasterxml.jackson.databind.PropertyNamingStrategies.LowerCamelCaseStrategy;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.rpa.core.health.ComponentHealth;
import org.rpa.core.health.HealthStatus;

/**
 * The body of {@code GET /api/system/health}, in camelCase and without an envelope: the database,
 * the scheduler, the host and this process. The database and the scheduler are critical: when
 * either is unhealthy the system is, and the route answers 503. The host and the process only
 * degrade it: the host when less than {@value #LOW_FREE_PERCENT} % of its memory is free, the
 * process when its heap is {@value #HIGH_HEAP_PERCENT} % of its maximum or more.
 */
final class SystemHealthView {
  static final int LOW_FREE_PERCENT = 5;
  static final int HIGH_HEAP_PERCENT = 90;

  private SystemHealthView() {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record SystemHealthBody(
      String status,
      String timestamp,
      long uptime,
      long responseTime,
      HealthComponents components) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record HealthComponents(
      DatabaseHealth database,
      SchedulerHealth scheduler,
      HostHealth system,
      ProcessHealth process) {}

  /** {@code state} is {@code connected} or {@code disconnected}; {@code latency} in ms. */
  @JsonNaming(LowerCamelCaseStrategy.class)
  record DatabaseHealth(String status, String state, long latency) {}

  /**
   * {@code recentExecutions}: finished in the last five minutes; {@code pendingJobs}: due and
   * waiting for an executor (QUEUED). Both null while the database is unreachable.
   */
  @JsonNaming(LowerCamelCaseStrategy.class)
  record SchedulerHealth(String status, Long recentExecutions, Long pendingJobs) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record HostHealth(String status, HostMemory memory, HostCpu cpu) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record HostMemory(long total, long free, String usagePercent) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record HostCpu(int cores, List<Double> loadAverage) {}

  @JsonNaming(LowerCamelCaseStrategy.class)
  record ProcessHealth(String status, long pid, HeapMemory memory) {}

  /** {@code heapTotal} is the committed heap, as the JVM holds it now. */
  @JsonNaming(LowerCamelCaseStrategy.class)
  record HeapMemory(long heapUsed, long heapTotal) {}

  static DatabaseHealth database(ComponentHealth database) {
    boolean connected = database.status() == HealthStatus.HEALTHY;
    return new DatabaseHealth(
        database.status().label(),
        connected ? "connected" : "disconnected",
        database.latency().toMillis());
  }

  static SchedulerHealth scheduler(boolean running, Long recentExecutions, Long pendingJobs) {
    HealthStatus status = running ? HealthStatus.HEALTHY : HealthStatus.UNHEALTHY;
    return new SchedulerHealth(status.label(), recentExecutions, pendingJobs);
  }

  static HostHealth host(HostResources.Memory memory, int cores, List<Double> loadAverage) {
    boolean low = memory.free() * 100 < memory.total() * LOW_FREE_PERCENT;
    return new HostHealth(
        (low ? HealthStatus.DEGRADED : HealthStatus.HEALTHY).label(),
        new HostMemory(
            memory.total(),
            memory.free(),
            Figures.percent(memory.total() - memory.free(), memory.total())),
        new HostCpu(cores, loadAverage));
  }

  static ProcessHealth process(long pid, HostResources.Heap heap) {
    boolean high = heap.max() > 0 && heap.used() * 100 >= heap.max() * HIGH_HEAP_PERCENT;
    return new ProcessHealth(
        (high ? HealthStatus.DEGRADED : HealthStatus.HEALTHY).label(),
        pid,
        new HeapMemory(heap.used(), heap.committed()));
  }

  /** Unhealthy when a critical component is, degraded when any other is not healthy. */
  static String overall(HealthComponents components) {
    String unhealthy = HealthStatus.UNHEALTHY.label();
    if (components.database().status().equals(unhealthy)
        || components.scheduler().status().equals(unhealthy)) {
      return unhealthy;
    }
    String healthy = HealthStatus.HEALTHY.label();
    boolean allHealthy =
        components.database().status().equals(healthy)
            && components.system().status().equals(healthy)
            && components.process().status().equals(healthy);
    return (allHealthy ? HealthStatus.HEALTHY : HealthStatus.DEGRADED).label();
  }
}
