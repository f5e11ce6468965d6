package org.rpa.core.analytics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.rpa.core.InvalidRequestException;

/**
 * A half-open window of time, {@code [from, to)}.
 *
 * @throws InvalidRequestException naming {@code from} when it is not before {@code to}
 */
public record TimeWindow(Instant from, Instant to) {
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

  /** True when {@code instant} is in the window. */
  public boolean contains(Instant instant) {
    return !instant.isBefore(from) && instant.isBefore(to);
  }
}
