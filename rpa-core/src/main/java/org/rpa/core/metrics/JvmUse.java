package org.rpa.core.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * This JVM's heap and garbage collections, read from its management beans.
 *
 * @param heapUsedBytes heap in use
 * @param heapCommittedBytes heap the JVM holds from the system
 * @param heapMaxBytes the most heap it may use, or -1 when unbounded
 * @param gcCollections collections since the JVM started, every collector together
 * @param gcMillis milliseconds spent collecting since the JVM started (pauses and, for concurrent
 *     collectors, their concurrent cycles, as each collector counts them)
 */
public record JvmUse(
    long heapUsedBytes,
    long heapCommittedBytes,
    long heapMaxBytes,
    long gcCollections,
    long gcMillis) {

  /** The figures now. */
  public static JvmUse now() {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long collections = 0;
    long millis = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      collections += Math.max(0, gc.getCollectionCount());
      millis += Math.max(0, gc.getCollectionTime());
    }
    return new JvmUse(heap.getUsed(), heap.getCommitted(), heap.getMax(), collections, millis);
  }
}
