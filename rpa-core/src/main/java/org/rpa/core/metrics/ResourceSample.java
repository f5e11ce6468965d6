package org.rpa.core.metrics;

/**
 * What an executor's process uses: its CPU share over the last sampling interval and its resident
 * memory, the processes it started included (a worker's Chromium browsers and their drivers).
 *
 * @param cpuPercent CPU time used per elapsed time over the last interval, in percent of one core
 *     (above 100 when the processes use several cores); 0 until a second sample gives an interval
 * @param memoryBytes resident memory (RSS) of the process and of every process it started, summed
 * @param processes how many processes were measured: the process itself and its descendants
 */
public record ResourceSample(double cpuPercent, long memoryBytes, int processes) {
  public ResourceSample {
    if (cpuPercent < 0 || memoryBytes < 0 || processes < 0) {
      throw new IllegalArgumentException(
          "a resource sample must not be negative, but was cpu "
              + cpuPercent
              + " %, memory "
              + memoryBytes
              + " B, processes "
              + processes);
    }
  }

  /** The resident memory in MiB, to one decimal, as the fleet views show it. */
  public double memoryMb() {
    return Math.round(memoryBytes / 1024.0 / 1024.0 * 10.0) / 10.0;
  }
}
