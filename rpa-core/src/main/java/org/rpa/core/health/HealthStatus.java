package org.rpa.core.health;

import java.util.Locale;

/** How well a component, or the whole system, works. Rendered in lower case on the wire. */
public enum HealthStatus {
  /** Works as it should. */
  HEALTHY,
  /** Works, but with reduced capacity or features. */
  DEGRADED,
  /** Does not work. */
  UNHEALTHY;

  /** The wire spelling: {@code healthy}, {@code degraded} or {@code unhealthy}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
