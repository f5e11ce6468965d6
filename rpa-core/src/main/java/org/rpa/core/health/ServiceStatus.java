package org.rpa.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A probed service as its last probe found it, with its circuit breaker's state now.
 *
 * @param breaker the name of its circuit breaker, or {@code null}
 * @param critical whether the system is unhealthy while this service is: its own flag, or its
 *     breaker's
 * @param status the last probe's verdict, or {@code null} before the first probe
 * @param error why the last probe was not healthy, or {@code null}
 * @param responseTime how long the last probe took (measured with {@code System.nanoTime}), or
 *     {@code null} before the first probe
 * @param lastCheck when the last probe finished, by the services' clock, or {@code null}
 * @param consecutiveFailures unhealthy probes in a row, 0 after a healthy one
 * @param circuitState the breaker's state as {@code Breakers} spells it ({@code closed}, {@code
 *     open}, {@code half_open}, …), or {@code null} without a registered breaker
 */
public record ServiceStatus(
    String name,
    String displayName,
    String url,
    String breaker,
    boolean critical,
    String feature,
    HealthStatus status,
    String error,
    Duration responseTime,
    Instant lastCheck,
    int consecutiveFailures,
    String circuitState) {
  public ServiceStatus {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(displayName, "displayName");
    if (consecutiveFailures < 0) {
      throw new IllegalArgumentException(
          "consecutiveFailures must not be negative, but was " + consecutiveFailures);
    }
  }

  /** Whether the service has been probed at least once. */
  public boolean checked() {
    return status != null;
  }

  /** Whether its breaker refuses calls now ({@code open} or {@code forced_open}). */
  public boolean circuitOpen() {
    return "open".equals(circuitState) || "forced_open".equals(circuitState);
  }

  /** Whether it can be used: its last probe was healthy and its breaker lets calls through. */
  public boolean available() {
    return status == HealthStatus.HEALTHY && !circuitOpen();
  }
}
