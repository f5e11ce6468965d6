package org.rpa.core.health;

import java.net.URI;
import java.time.Duration;

/**
 * One check of a downstream service, run by {@link Services} on its schedule. An HTTP probe comes
 * from {@link #httpGet} or {@link #httpAnswer}; anything else (a file that must exist, a socket
 * that must accept) implements this interface.
 *
 * <p>Threading: {@link #probe()} runs on the thread that calls {@link Services#runDue()} (the
 * orchestrator's {@code service_prober} loop), one probe after the other, so it must bound itself
 * with a short timeout and honour interrupts.
 */
@FunctionalInterface
public interface ServiceProbe {

  /**
   * Checks the service once.
   *
   * @return the outcome; its message is shown as the service's error when it is not healthy
   * @throws Exception when the service cannot be reached: the service is unhealthy, with the
   *     exception's message as its error
   */
  HealthCheck probe() throws Exception;

  /**
   * A {@code GET} of {@code uri} that is healthy when the answer is 2xx, as a health endpoint
   * answers ({@code /health}, a Selenium Grid's {@code /status}, Prometheus' {@code /-/healthy}).
   *
   * @param timeout for connecting and for the whole answer
   * @throws IllegalArgumentException when {@code uri} is not http(s) or {@code timeout} is not
   *     positive
   */
  static ServiceProbe httpGet(URI uri, Duration timeout) {
    return new HttpProbe("GET", uri, timeout, false);
  }

  /**
   * A request of {@code method} ({@code GET} or {@code HEAD}) to {@code uri} that is healthy when
   * the service answers anything below 500: for an address that is not a health endpoint (a
   * portal's login page may answer 302 or 403, a callback receiver 405 to a {@code HEAD}), where an
   * answer shows that it is up and a 5xx, a timeout or a refused connection that it is not.
   *
   * @throws IllegalArgumentException when {@code method} is not GET or HEAD, {@code uri} is not
   *     http(s) or {@code timeout} is not positive
   */
  static ServiceProbe httpAnswer(String method, URI uri, Duration timeout) {
    return new HttpProbe(method, uri, timeout, true);
  }
}
