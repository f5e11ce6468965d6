package org.rpa.core.schedule;

import java.time.Instant;

/**
 * SPI that lets only one instance of a cluster run a singleton task. {@link Schedules} asks for the
 * lock before each run; when it is refused the run is skipped (another instance had it) and the
 * task is simply scheduled for its next fire time.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TaskLock {
  /** A lock that always grants: the right choice for a single instance. */
  TaskLock ALWAYS_GRANTED = (taskName, until) -> true;

  /**
   * Tries to take the lock on {@code taskName} until {@code until}.
   *
   * @return true if this instance may run the task now
   */
  boolean tryAcquire(String taskName, Instant until);
}
