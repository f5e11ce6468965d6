package org.rpa.server.monitoring;

/**
 * Prometheus could not be read: {@code PROMETHEUS_URL} is not set, the server did not answer within
 * the timeout, answered with an error, or its circuit breaker is open. The message says which,
 * without credentials.
 */
public final class PrometheusUnavailableException extends RuntimeException {
  public PrometheusUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
