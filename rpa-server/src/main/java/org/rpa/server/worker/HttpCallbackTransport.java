package org.rpa.server.worker;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.rpa.core.outbox.CallbackTransport;

/**
 * The completion callback: {@code POST CALLBACK_ENDPOINT} with the job's JSON, {@code
 * Authorization: Bearer CALLBACK_AUTH_TOKEN}, {@code Idempotency-Key} and {@code CALLBACK_TIMEOUT}.
 * Thread-safe.
 */
public final class HttpCallbackTransport implements CallbackTransport {
  private final URI endpoint;
  private final String token;
  private final Duration timeout;
  private final HttpClient client;

  public HttpCallbackTransport(String endpoint, String token, Duration timeout) {
    this.endpoint = URI.create(endpoint);
    this.token = token;
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public int send(String idempotencyKey, String payload) throws Exception {
    var request =
        HttpRequest.newBuilder(endpoint)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", idempotencyKey)
            .POST(HttpRequest.BodyPublishers.ofString(payload));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  public String url() {
    return endpoint.toString();
  }
}
