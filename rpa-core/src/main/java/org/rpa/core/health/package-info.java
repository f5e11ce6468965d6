/**
 * Health checks: indicators for each component, a report with the overall status (healthy,
 * degraded, unhealthy) and readiness, the green/yellow/red thresholds, the downstream services
 * probed on a schedule ({@link org.rpa.core.health.Services}) and the whole system's {@link
 * org.rpa.core.health.FullHealth}. Start at {@link org.rpa.core.health.Health}.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.health;
