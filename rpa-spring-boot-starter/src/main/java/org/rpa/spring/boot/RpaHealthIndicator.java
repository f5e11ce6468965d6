package org.rpa.spring.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.rpa.core.Orchestrator;
import org.rpa.core.health.ComponentHealth;
import org.rpa.core.health.Criticality;
import org.rpa.core.health.HealthReport;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * The orchestrator's health report as an actuator health indicator, named {@code rpa}: {@code UP}
 * while the orchestrator is ready (healthy, or degraded by a non-critical component), {@code DOWN}
 * when a critical component (the database, the executors, the dispatcher) is unhealthy. The details
 * hold the core's status ({@code healthy}, {@code degraded}, {@code unhealthy}), its message and
 * each component. Each call checks every component, waiting at most the core's health timeout (2
 * s). Thread-safe.
 */
final class RpaHealthIndicator extends AbstractHealthIndicator {
  private final Orchestrator orchestrator;

  RpaHealthIndicator(Orchestrator orchestrator) {
    super("rpa health check failed");
    this.orchestrator = Objects.requireNonNull(orchestrator, "orchestrator");
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    HealthReport report = orchestrator.health().report();
    if (report.ready()) {
      builder.up();
    } else {
      builder.down();
    }
    builder.withDetail("status", report.status().label()).withDetail("message", report.message());
    Map<String, Object> components = new LinkedHashMap<>();
    for (ComponentHealth component : report.components()) {
      components.put(component.name(), component(component));
    }
    builder.withDetail("components", components);
  }

  private static Map<String, Object> component(ComponentHealth component) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("status", component.status().label());
    details.put("critical", component.criticality() == Criticality.CRITICAL);
    details.put("message", component.message());
    details.put("latencyMs", component.latency().toMillis());
    if (!component.details().isEmpty()) {
      details.put("details", component.details());
    }
    return details;
  }
}
