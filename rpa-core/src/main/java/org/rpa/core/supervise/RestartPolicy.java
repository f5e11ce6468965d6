package org.rpa.core.supervise;

import java.time.Duration;

/**
 * How a {@link Supervisor} restarts crashed loops: the n-th restart waits {@code initialBackoff *
 * multiplier^(n-1)}, capped at {@code maxBackoff}; after {@code maxRestarts} restarts the next
 * crash leaves the loop {@code FAILED}.
 *
 * <p>{@code stableAfter} is a deliberate addition to the documented policy: a loop that has run
 * that long since its last (re)start without crashing gets its restart count set back to 0, so a
 * loop that crashes once a week never reaches {@code FAILED}.
 */
public record RestartPolicy(
    Duration initialBackoff,
    double multiplier,
    Duration maxBackoff,
    int maxRestarts,
    Duration stableAfter) {

  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final double DEFAULT_MULTIPLIER = 2.0;
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_RESTARTS = 5;
  public static final Duration DEFAULT_STABLE_AFTER = Duration.ofMinutes(10);

  public RestartPolicy {
    requirePositive("initialBackoff", initialBackoff);
    requirePositive("maxBackoff", maxBackoff);
    requirePositive("stableAfter", stableAfter);
    if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
      throw new IllegalArgumentException(
          "multiplier must be a finite number >= 1, but was " + multiplier);
    }
    if (maxRestarts < 0) {
      throw new IllegalArgumentException("maxRestarts must be >= 0, but was " + maxRestarts);
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff must be >= initialBackoff (" + initialBackoff + "), but was " + maxBackoff);
    }
  }

  /** 1 s, x2, at most 60 s, 5 restarts, stable after 10 minutes. */
  public static RestartPolicy ofDefaults() {
    return new RestartPolicy(
        DEFAULT_INITIAL_BACKOFF,
        DEFAULT_MULTIPLIER,
        DEFAULT_MAX_BACKOFF,
        DEFAULT_MAX_RESTARTS,
        DEFAULT_STABLE_AFTER);
  }

  /** The wait before restart number {@code restartCount} (1 for the first restart). */
  public Duration backoff(int restartCount) {
    double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(restartCount, 1) - 1);
    return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
  }

  private static void requirePositive(String field, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, but was " + value);
    }
  }
}
