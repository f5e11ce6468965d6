package org.rpa.core.outbox;

/**
 * Sends one callback (rpa-server: an HTTP POST to {@code CALLBACK_ENDPOINT} with its token and
 * timeout). Implementations are thread-safe.
 */
@FunctionalInterface
public interface CallbackTransport {
  /**
   * Delivers {@code payload} (a JSON object) once.
   *
   * @param idempotencyKey the same for every try of one callback, so the receiver can dedupe
   * @return the receiver's HTTP status
   * @throws Exception when it could not be delivered (the outbox tries again later)
   */
  int send(String idempotencyKey, String payload) throws Exception;

  /**
   * Where callbacks go, shown as the {@code callback} circuit breaker's URL; {@code null} (the
   * default) when the transport has no address.
   */
  default String url() {
    return null;
  }
}
