package org.rpa.core.health;

/**
 * Checks one component. Register implementations with {@link Health#register(HealthIndicator)}, or
 * build one from a supplier with {@link Health#of(String, Criticality,
 * java.util.function.Supplier)}.
 *
 * <p>Threading: {@link #check()} runs on a {@code rpa-health-N} thread, possibly while the previous
 * check of the same indicator is still running (a report that timed out leaves it behind), so it
 * must be thread-safe. It should answer quickly, honour interrupts, and may throw: a thrown
 * exception becomes an unhealthy result carrying its message.
 */
public interface HealthIndicator {
  /** A unique, stable name such as {@code store} or {@code dispatcher}. */
  String name();

  /** Whether the system can serve without this component. */
  Criticality criticality();

  /** Checks the component now. */
  HealthCheck check();
}
