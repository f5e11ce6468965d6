/**
 * The monitoring stack as a Prometheus server sees it: {@link
 * org.rpa.server.monitoring.PrometheusClient} reads its HTTP API through a circuit breaker, and
 * {@link org.rpa.server.monitoring.MonitoringStack} turns what it answers into the stack's health
 * (targets by job, the known exporters, collection, issues).
 *
 * <p>Everything is non-null unless documented otherwise.
 */
package org.rpa.server.monitoring;
