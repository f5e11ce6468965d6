package org.rpa.core.event;

import java.time.Instant;

/**
 * An executor (a robot, in the fleet view) renewed its lease: its load and its own process's
 * resource use.
 *
 * @param status {@code idle}, {@code busy}, or {@code offline} for an executor that can run nothing
 *     (capacity 0)
 * @param memoryMb resident memory of its process and of the processes it started, in MiB
 */
public record ExecutorHeartbeat(
    String executorId,
    String status,
    int activeJobs,
    int capacity,
    double cpuPercent,
    double memoryMb,
    Instant at)
    implements RpaEvent {
  @Override
  public String type() {
    return "robot.heartbeat";
  }
}
