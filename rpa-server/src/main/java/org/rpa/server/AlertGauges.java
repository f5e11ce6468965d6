package org.rpa.server;

import org.rpa.core.Orchestrator;
import org.rpa.core.health.ComponentHealth;
import org.rpa.core.health.HealthStatus;
import org.rpa.core.metrics.Gauge;

/**
 * Two gauges beside the orchestrator's own series, so that Prometheus rules can follow every alert
 * of {@code GET /api/system/alerts}: {@code rpa_database_up} ({@code DatabaseUnhealthy}) and {@code
 * rpa_executors_utilization_ratio} ({@code WorkerUtilization}). Both are read at each scrape, from
 * the same health check and fleet the alerts read.
 */
final class AlertGauges {
  static final String DATABASE_UP = "rpa_database_up";
  static final String UTILIZATION = "rpa_executors_utilization_ratio";

  private AlertGauges() {}

  static void register(Orchestrator orchestrator) {
    orchestrator
        .metrics()
        .gauge(
            new Gauge(
                DATABASE_UP,
                "1 while the job store answers its health check, else 0.",
                () -> databaseUp(orchestrator) ? 1 : 0));
    orchestrator
        .metrics()
        .gauge(
            new Gauge(
                UTILIZATION,
                "Busy slots as a share of all slots of the online executors, 0 to 1 (0 when none).",
                () -> Math.min(1.0, orchestrator.fleet().summary().utilisation())));
  }

  private static boolean databaseUp(Orchestrator orchestrator) {
    return orchestrator
        .health()
        .report()
        .component("database")
        .map(ComponentHealth::status)
        .filter(status -> status == HealthStatus.HEALTHY)
        .isPresent();
  }
}
