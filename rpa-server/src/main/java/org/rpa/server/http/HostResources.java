package org.rpa.server.http;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the host and this JVM have: physical memory, processors and load averages from the operating
 * system ({@code com.sun.management.OperatingSystemMXBean}, {@code /proc/loadavg}), and the heap
 * from the {@code MemoryMXBean}. Each call reads them anew. Thread-safe.
 */
final class HostResources {
  private static final Path LOAD_AVERAGE = Path.of("/proc/loadavg");

  /** The host's physical memory in bytes (a container's limit, where the JVM sees one). */
  record Memory(long total, long free) {}

  /** The heap in bytes: in use, committed, and the most it may grow to (-1 when unbounded). */
  record Heap(long used, long committed, long max) {}

  private HostResources() {}

  static Memory memory() {
    var system = ManagementFactory.getOperatingSystemMXBean();
    if (system instanceof com.sun.management.OperatingSystemMXBean host) {
      return new Memory(host.getTotalMemorySize(), host.getFreeMemorySize());
    }
    return new Memory(0, 0);
  }

  static int cores() {
    return Runtime.getRuntime().availableProcessors();
  }

  /**
   * The 1, 5 and 15 minute load averages from {@code /proc/loadavg}; where there is none, the 1
   * minute average the JVM reports and null for the others (and null for all three when the JVM
   * reports none either, as on Windows).
   */
  static List<Double> loadAverage() {
    try {
      String[] fields = Files.readString(LOAD_AVERAGE).trim().split("\\s+");
      return Arrays.stream(fields, 0, 3).map(Double::valueOf).toList();
    } catch (IOException | RuntimeException unreadable) {
      double oneMinute = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      List<Double> averages = new ArrayList<>(Arrays.asList(null, null, null));
      averages.set(0, oneMinute < 0 ? null : oneMinute);
      return averages;
    }
  }

  static long pid() {
    return ProcessHandle.current().pid();
  }

  static Heap heap() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    return new Heap(heap.getUsed(), heap.getCommitted(), heap.getMax());
  }
}
