package org.rpa.core.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one check.
 *
 * @param details extra facts, in insertion order (keys and values non-null); empty when none
 */
public record HealthCheck(HealthStatus status, String message, Map<String, Object> details) {
  public HealthCheck {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(details, "details");
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>();
    details.forEach(
        (key, value) ->
            copy.put(
                Objects.requireNonNull(key, "details key"), Objects.requireNonNull(value, key)));
    details = Collections.unmodifiableMap(copy);
  }

  public static HealthCheck healthy(String message) {
    return new HealthCheck(HealthStatus.HEALTHY, message, Map.of());
  }

  public static HealthCheck degraded(String message) {
    return new HealthCheck(HealthStatus.DEGRADED, message, Map.of());
  }

  public static HealthCheck unhealthy(String message) {
    return new HealthCheck(HealthStatus.UNHEALTHY, message, Map.of());
  }

  /** A copy with {@code key} set to {@code value} (replacing an earlier value for that key). */
  public HealthCheck withDetail(String key, Object value) {
    LinkedHashMap<String, Object> copy = new LinkedHashMap<>(details);
    copy.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    return new HealthCheck(status, message, copy);
  }
}
