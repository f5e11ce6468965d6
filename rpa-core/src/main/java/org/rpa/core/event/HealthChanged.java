package org.rpa.core.event;

import java.time.Instant;

/**
 * The system's overall health changed between two health reports ({@code healthy}, {@code degraded}
 * or {@code unhealthy}). Reports are taken on request and at least every {@link #INTERVAL_SECONDS}
 * seconds while the orchestrator runs.
 *
 * @param message the new report's summary, naming the components that are not healthy
 */
public record HealthChanged(String from, String to, String message, Instant at)
    implements RpaEvent {
  /** How often the orchestrator takes a health report of its own. */
  public static final int INTERVAL_SECONDS = 30;

  @Override
  public String type() {
    return "system.health_changed";
  }
}
