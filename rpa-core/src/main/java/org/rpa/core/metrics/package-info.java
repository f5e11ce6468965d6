/**
 * Metrics: the five-minute history of job counts with averages, live dispatch counters with latency
 * percentiles, and uptime. Start at {@link org.rpa.core.metrics.Metrics}.
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.core.metrics;
