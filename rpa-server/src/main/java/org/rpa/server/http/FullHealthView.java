package org.rpa.server.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.rpa.core.health.ComponentHealth;
import org.rpa.core.health.FullHealth;
import org.rpa.core.health.ServiceStatus;
import org.rpa.core.supervise.LoopStatus;
import org.rpa.server.Timestamps;

/**
 * The body of {@code GET /api/system/health/full}, in snake_case: {@code postgres} is the job store
 * (H2 or PostgreSQL, named in its details), {@code redis} the wake-up channel, {@code ai_services}
 * the downstream services as their last scheduled probe found them, {@code workers} the supervised
 * background loops.
 */
final class FullHealthView {
  private FullHealthView() {}

  record FullHealthBody(
      String status,
      boolean ready,
      String message,
      HealthComponent postgres,
      HealthComponent redis,
      List<ProbedServiceView> aiServices,
      BreakerRoutes.BreakerCounts circuitBreakers,
      List<LoopView> workers,
      String timestamp,
      String version) {}

  /** One component: {@code name} is {@code postgres} or {@code redis}. */
  record HealthComponent(String name, String status, String message, Map<String, Object> details) {}

  /**
   * One downstream service. {@code status} is {@code healthy}, {@code degraded}, {@code unhealthy},
   * or {@code unknown} before its first probe (then {@code response_time_ms} and {@code last_check}
   * are null); {@code circuit_state} is null for a service without a breaker.
   */
  record ProbedServiceView(
      String name,
      String displayName,
      String status,
      String url,
      Double responseTimeMs,
      String error,
      String circuitState,
      String lastCheck,
      boolean critical) {}

  /** One supervised loop; {@code status} (ours) is the supervisor's word for it. */
  record LoopView(String name, boolean running, boolean critical, String status) {}

  static FullHealthBody body(FullHealth health, String timestamp, String version) {
    return new FullHealthBody(
        health.verdict().status().label(),
        health.verdict().ready(),
        health.verdict().message(),
        component("postgres", health.store()),
        component("redis", health.wakeups()),
        health.services().stream().map(FullHealthView::service).toList(),
        BreakerRoutes.counts(health.breakers()),
        health.loops().stream().map(FullHealthView::loop).toList(),
        timestamp,
        version);
  }

  private static HealthComponent component(String name, ComponentHealth health) {
    return new HealthComponent(name, health.status().label(), health.message(), health.details());
  }

  static ProbedServiceView service(ServiceStatus service) {
    return new ProbedServiceView(
        service.name(),
        service.displayName(),
        status(service),
        service.url(),
        milliseconds(service.responseTime()),
        service.error(),
        service.circuitState() == null ? null : BreakerRoutes.state(service.circuitState()),
        service.lastCheck() == null ? null : Timestamps.format(service.lastCheck()),
        service.critical());
  }

  /** The status on the wire: {@code unknown} before the first probe. */
  static String status(ServiceStatus service) {
    return service.checked() ? service.status().label() : "unknown";
  }

  private static LoopView loop(LoopStatus loop) {
    return new LoopView(
        loop.name(),
        loop.status() == LoopStatus.Status.RUNNING,
        loop.critical(),
        loop.status().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Milliseconds with two decimals ({@code 15.2}). */
  private static Double milliseconds(Duration duration) {
    return duration == null ? null : Math.round(duration.toNanos() / 10_000.0) / 100.0;
  }
}
