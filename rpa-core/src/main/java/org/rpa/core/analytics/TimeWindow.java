package org.rpa.core.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.rpa.core.InvalidRequestException;

/**
 * A half-open window of time, {@code [from, to)}, or one that ends now.
 *
 * @param endsNow the window ends when it is read: {@code to} is when it was made, and what happens
 *     after {@code to} but before the store is read is in it too (an execution another instance
 *     finished a moment later, say). {@link Analytics#last} makes such windows, so that statistics
 *     of the last hours read the current hour's rollup rather than its executions.
 * @throws InvalidRequestException naming {@code from} when it is not before {@code to}
 */
public record TimeWindow(Instant from, Instant to, boolean endsNow) {
  /** The window {@code [from, to)}. */
  public TimeWindow(Instant from, Instant to) {
    this(from, to, false);
  }

  public TimeWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (!from.isBefore(to)) {
      throw new InvalidRequestException("from", from, "must be before to (" + to + ")");
    }
  }

  /**
   * The {@code period} that ends at {@code end}.
   *
   * @throws InvalidRequestException naming {@code period} when it is not positive
   */
  public static TimeWindow ending(Instant end, Duration period) {
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new InvalidRequestException("period", period, "must be positive");
    }
    return new TimeWindow(end.minus(period), end);
  }

  /**
   * The {@code period} that ends now, at {@code now} by the caller's clock, and goes on to include
   * what happens until it is read.
   *
   * @throws InvalidRequestException naming {@code period} when it is not positive
   */
  public static TimeWindow endingNow(Instant now, Duration period) {
    TimeWindow window = ending(now, period);
    return new TimeWindow(window.from(), window.to(), true);
  }

  /** True when {@code instant} is in the window; in one that ends now, when it is not before it. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && (endsNow || instant.isBefore(to));
  }
}
