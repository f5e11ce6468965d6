package org.rpa.core;

import java.time.Clock;

/**
 * Elapsed time, in nanoseconds from an arbitrary origin, that only moves forward. A {@link Clock}
 * says what time it is and may be set back or jump ahead (an operator, NTP, a virtual machine
 * resumed); a ticker says how much time has passed. The orchestrator reads its clock for what it
 * writes and compares with other instances (run times, leases, cron), and its ticker for what it
 * measures itself: how long an execution has run, and how long another executor's lease has gone
 * unrenewed before it takes that executor's jobs back.
 *
 * <p>The orchestrator's ticker is its clock when the clock is also a ticker (as {@link
 * org.rpa.core.testing.MutableClock} is, so that a test moves both at once), otherwise {@link
 * #system()}.
 */
@FunctionalInterface
public interface Ticker {

  /** The elapsed time in nanoseconds; only differences between two readings mean anything. */
  long nanos();

  /** The JVM's monotonic time, {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }

  /** {@code clock} itself when it is a ticker, otherwise {@link #system()}. */
  static Ticker of(Clock clock) {
    return clock instanceof Ticker ticker ? ticker : system();
  }
}
