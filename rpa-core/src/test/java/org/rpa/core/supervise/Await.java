package org.rpa.core.supervise;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for an event another thread causes; never sleeps for time logic. */
final class Await {
  private Await() {}

  static void until(BooleanSupplier condition) {
    until(condition, Duration.ofSeconds(10));
  }

  static void until(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("Condition not met within " + timeout);
      }
      LockSupport.parkNanos(1_000_000);
    }
  }
}
