package org.rpa.server.http;

/**
 * Whether the server is stopping. From {@link #begin()} on, {@code GET /health/ready} answers 503,
 * so that a load balancer or Kubernetes sends no new requests while running jobs finish.
 * Thread-safe.
 */
public final class Drain {
  private volatile boolean draining;

  /** Readiness answers 503 from now on. Idempotent. */
  public void begin() {
    draining = true;
  }

  /** Whether {@link #begin()} was called. */
  public boolean draining() {
    return draining;
  }
}
