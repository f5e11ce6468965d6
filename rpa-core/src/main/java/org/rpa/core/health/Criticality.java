package org.rpa.core.health;

/** Whether the system can serve without a component. */
public enum Criticality {
  /** When unhealthy, the system is unhealthy and not ready (the store, the dispatcher). */
  CRITICAL,
  /** When unhealthy, the system is only degraded (callbacks, Prometheus, a single portal). */
  NON_CRITICAL
}
