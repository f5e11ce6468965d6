package org.rpa.core.supervise;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for stopping threads within a bounded time: half of it politely, then it interrupts the
 * ones still alive and waits the other half. Threads that outlive that are logged and left (they
 * are daemons).
 */
final class StopJoiner {
  private static final Logger log = LoggerFactory.getLogger(StopJoiner.class);

  private StopJoiner() {}

  static void join(List<Thread> threads, Duration timeout) {
    List<Thread> stopping = threads.stream().filter(Objects::nonNull).toList();
    long half = Math.max(1, timeout.toNanos() / 2);
    if (!joinUntil(stopping, System.nanoTime() + half)) {
      stopping.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
      joinUntil(stopping, System.nanoTime() + half);
    }
    stopping.stream()
        .filter(Thread::isAlive)
        .forEach(thread -> log.warn("Thread {} did not stop within {}", thread.getName(), timeout));
  }

  private static boolean joinUntil(List<Thread> threads, long deadline) {
    try {
      for (Thread thread : threads) {
        long remaining = deadline - System.nanoTime();
        if (remaining > 0) {
          thread.join(Duration.ofNanos(remaining).toMillis() + 1);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    return threads.stream().noneMatch(Thread::isAlive);
  }
}
