package org.rpa.core.recovery;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How technical failures are retried: exponential backoff with jitter, capped, up to a number of
 * attempts. Immutable.
 *
 * <p>The delay before attempt {@code n + 1} after attempt {@code n} failed is {@code min(maxDelay,
 * initialDelay * multiplier^(n-1))}, then reduced by a random fraction of up to {@code jitter}
 * ("equal jitter" when 0.5), so that jobs that failed together do not retry together.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, double multiplier, Duration maxDelay, double jitter) {

  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(2);
  public static final double DEFAULT_MULTIPLIER = 2.0;
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(5);
  public static final double DEFAULT_JITTER = 0.2;

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 100) {
      throw new IllegalArgumentException(
          "maxAttempts must be between 1 and 100, but was " + maxAttempts);
    }
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (initialDelay.isNegative()) {
      throw new IllegalArgumentException(
          "initialDelay must not be negative, but was " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException(
          "maxDelay must be at least initialDelay " + initialDelay + ", but was " + maxDelay);
    }
    if (multiplier < 1.0) {
      throw new IllegalArgumentException("multiplier must be at least 1, but was " + multiplier);
    }
    if (jitter < 0.0 || jitter > 1.0) {
      throw new IllegalArgumentException("jitter must be between 0 and 1, but was " + jitter);
    }
  }

  public static RetryPolicy ofDefaults() {
    return new RetryPolicy(
        DEFAULT_MAX_ATTEMPTS,
        DEFAULT_INITIAL_DELAY,
        DEFAULT_MULTIPLIER,
        DEFAULT_MAX_DELAY,
        DEFAULT_JITTER);
  }

  /** No retries at all. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, 1.0, Duration.ZERO, 0.0);
  }

  public RetryPolicy withMaxAttempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
  }

  public RetryPolicy withBackoff(Duration initialDelay, double multiplier, Duration maxDelay) {
    return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
  }

  public RetryPolicy withJitter(double jitter) {
    return new RetryPolicy(maxAttempts, initialDelay, multiplier, maxDelay, jitter);
  }

  /** The delay before the attempt after {@code failedAttempt} (from 1), before jitter. */
  public Duration baseDelay(int failedAttempt) {
    double factor = Math.pow(multiplier, Math.max(0, failedAttempt - 1));
    double millis = initialDelay.toMillis() * factor;
    if (millis >= maxDelay.toMillis() || Double.isInfinite(millis)) {
      return maxDelay;
    }
    return Duration.ofMillis((long) millis);
  }

  /**
   * The delay before the attempt after {@code failedAttempt}, with jitter drawn from {@code
   * random}.
   */
  public Duration delay(int failedAttempt, RandomGenerator random) {
    long base = baseDelay(failedAttempt).toMillis();
    long cut = (long) (base * jitter * random.nextDouble());
    return Duration.ofMillis(base - cut);
  }
}
