/**
 * Health checks: indicators for each component, a report with the overall status (healthy,
 * degraded, unhealthy) and readiness, and the green/yellow/red thresholds. Start at {@link
 * org.rpa.core.health.Health}.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.health;
