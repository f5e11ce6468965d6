package org.rpa.core.health;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The health of the system: each component and the overall verdict.
 *
 * <p>The rule: all components healthy → {@code HEALTHY}, ready; any critical component unhealthy →
 * {@code UNHEALTHY}, not ready; otherwise (a non-critical component unhealthy, or any component
 * degraded) → {@code DEGRADED}, ready. A report with no components is healthy.
 *
 * @param message {@code "All systems operational"}, or which components are not healthy
 * @param components in registration order
 */
public record HealthReport(
    HealthStatus status,
    boolean ready,
    String message,
    List<ComponentHealth> components,
    Instant checkedAt) {
  public static final String ALL_OPERATIONAL = "All systems operational";

  public HealthReport {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    components = List.copyOf(Objects.requireNonNull(components, "components"));
    Objects.requireNonNull(checkedAt, "checkedAt");
    if (ready == (status == HealthStatus.UNHEALTHY)) {
      throw new IllegalArgumentException(
          "ready must be false exactly when status is UNHEALTHY, but was " + ready + "/" + status);
    }
  }

  /** Applies the rule to {@code components}. */
  public static HealthReport of(List<ComponentHealth> components, Instant checkedAt) {
    Objects.requireNonNull(components, "components");
    List<ComponentHealth> notHealthy =
        components.stream().filter(c -> c.status() != HealthStatus.HEALTHY).toList();
    if (notHealthy.isEmpty()) {
      return new HealthReport(HealthStatus.HEALTHY, true, ALL_OPERATIONAL, components, checkedAt);
    }
    String which =
        notHealthy.stream()
            .map(c -> c.name() + " " + c.status().label())
            .collect(Collectors.joining(", "));
    if (components.stream().anyMatch(ComponentHealth::failsReadiness)) {
      return new HealthReport(
          HealthStatus.UNHEALTHY, false, "Unhealthy: " + which, components, checkedAt);
    }
    return new HealthReport(
        HealthStatus.DEGRADED, true, "Degraded: " + which, components, checkedAt);
  }

  /** The component named {@code name}, if it was checked. */
  public Optional<ComponentHealth> component(String name) {
    Objects.requireNonNull(name, "name");
    return components.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
