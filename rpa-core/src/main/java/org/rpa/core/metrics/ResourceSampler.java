package org.rpa.core.metrics;

import java.time.Duration;

/**
 * Reads what a process and the processes it started use, as running totals; a {@link ResourceMeter}
 * turns two readings into a CPU percentage. The default, {@link #thisProcess()}, measures this JVM;
 * a test gives fixed figures instead.
 *
 * <p>Implementations are thread-safe and read no clock.
 */
public interface ResourceSampler {

  /** The totals now. */
  Usage read();

  /**
   * Running totals of a process and its descendants.
   *
   * @param cpuTime CPU time (user and system) used since each process started, summed
   * @param memoryBytes resident memory (RSS) now, summed
   * @param processes how many processes were measured
   */
  record Usage(Duration cpuTime, long memoryBytes, int processes) {}

  /**
   * This JVM and every process it started (and they started), as the operating system counts them:
   * CPU time from {@link ProcessHandle.Info#totalCpuDuration()}, resident memory from {@code
   * /proc/<pid>/status}. Where there is no {@code /proc} (not Linux), the memory is this JVM's
   * committed heap and the children's memory is not counted.
   */
  static ResourceSampler thisProcess() {
    return new ProcResourceSampler(ProcessHandle.current(), java.nio.file.Path.of("/proc"));
  }
}
