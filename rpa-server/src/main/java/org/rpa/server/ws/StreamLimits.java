package org.rpa.server.ws;

import java.time.Duration;
import java.util.Objects;

/**
 * How much the live streams hold for their clients.
 *
 * @param queueSize messages each connection's queue holds; what comes while it is full is dropped
 * @param slowAfter how long a connection may go on dropping without catching up (emptying its
 *     queue) before it is closed as too slow
 * @param maxConnections connections at most; further upgrades are refused with 503
 */
public record StreamLimits(int queueSize, Duration slowAfter, int maxConnections) {
  public static final int DEFAULT_QUEUE_SIZE = 1_000;
  public static final int DEFAULT_SLOW_AFTER_SECONDS = 10;
  public static final int DEFAULT_MAX_CONNECTIONS = 1_000;

  public static final StreamLimits DEFAULTS =
      new StreamLimits(
          DEFAULT_QUEUE_SIZE,
          Duration.ofSeconds(DEFAULT_SLOW_AFTER_SECONDS),
          DEFAULT_MAX_CONNECTIONS);

  public StreamLimits {
    Objects.requireNonNull(slowAfter, "slowAfter");
    if (queueSize < 1) {
      throw new IllegalArgumentException("queueSize must be positive, but was " + queueSize);
    }
    if (slowAfter.isNegative() || slowAfter.isZero()) {
      throw new IllegalArgumentException("slowAfter must be positive, but was " + slowAfter);
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections must be positive, but was " + maxConnections);
    }
  }
}
