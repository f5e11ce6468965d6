package org.rpa.core.health;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A probe over the JDK {@link HttpClient}: one request with a timeout, the body discarded. Each
 * probe has its own client (its connection pool and selector thread), as each remote worker's
 * transport does. Thread-safe.
 */
final class HttpProbe implements ServiceProbe {
  private final String method;
  private final URI uri;
  private final Duration timeout;
  private final boolean anyAnswer;
  private final HttpClient client;

  HttpProbe(String method, URI uri, Duration timeout, boolean anyAnswer) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(timeout, "timeout");
    String verb = method.toUpperCase(Locale.ROOT);
    if (!List.of("GET", "HEAD").contains(verb)) {
      throw new IllegalArgumentException("method must be GET or HEAD, but was " + method);
    }
    if (uri.getScheme() == null
        || !List.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("uri must be an http(s) URL, but was " + uri);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive, but was " + timeout);
    }
    this.method = verb;
    this.uri = uri;
    this.timeout = timeout;
    this.anyAnswer = anyAnswer;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public HealthCheck probe() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    int status;
    try {
      status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (HttpTimeoutException e) {
      throw new HttpTimeoutException("no answer within " + timeout.toMillis() + " ms");
    }
    boolean healthy = anyAnswer ? status < 500 : status >= 200 && status < 300;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String message = method + " " + path + " answered " + status;
    return healthy ? HealthCheck.healthy(message) : HealthCheck.unhealthy(message);
  }

  @Override
  public String toString() {
    return method + " " + uri;
  }
}
