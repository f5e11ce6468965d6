package org.rpa.core.supervise;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Paces a background loop: {@link #await(Duration)} blocks for at most the poll interval, and
 * {@link #wake()} ends the wait at once. A wake that arrives while nobody waits is remembered, so
 * the next {@code await} returns immediately and no signal is lost between two passes. Push first,
 * polling as the safety net.
 *
 * <p>Thread-safe.
 */
public final class Waiter {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private boolean pending;

  /**
   * Waits until woken or until {@code timeout} has passed (in real time: this paces threads, it
   * decides nothing about the job clock).
   *
   * @return true if woken, false if the timeout passed
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean await(Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (!pending) {
        if (remaining <= 0) {
          return false;
        }
        remaining = woken.awaitNanos(remaining);
      }
      pending = false;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Ends the current wait, or the next one if nobody is waiting. */
  public void wake() {
    lock.lock();
    try {
      pending = true;
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }
}
