package org.rpa.core.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One component's part of a {@link HealthReport}.
 *
 * @param latency how long the check ran (measured with {@code System.nanoTime}); for a check that
 *     timed out, how long the report waited for it
 * @param checkedAt when the check finished, read from the health clock
 */
public record ComponentHealth(
    String name,
    Criticality criticality,
    HealthStatus status,
    String message,
    Map<String, Object> details,
    Duration latency,
    Instant checkedAt) {
  public ComponentHealth {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(criticality, "criticality");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    details =
        Collections.unmodifiableMap(
            new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(checkedAt, "checkedAt");
  }

  /** Whether this component is critical and unhealthy, which makes the system unhealthy. */
  public boolean failsReadiness() {
    return criticality == Criticality.CRITICAL && status == HealthStatus.UNHEALTHY;
  }
}
