package org.rpa.server.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.rpa.server.RawHttp;
import org.rpa.server.TestServer;

/**
 * How the sweep sends a case to the server, and what it holds of the answer: a refusal is one of
 * the operation's documented 4xx with the error body, no answer shows a stack trace or a library's
 * name, and nothing stored changed since the case's {@link #baseline}. Not thread-safe: the sweep's
 * cases run one after another.
 */
final class SweepVerdicts {
  /** Statuses any route may answer before it is reached: the URI or the headers are too long. */
  private static final List<Integer> TRANSPORT = List.of(414, 431);

  /**
   * The one table a background loop writes whatever the requests do: the heartbeat renews the
   * executor's row (its lease and a fresh CPU and memory sample) every few seconds. No route writes
   * it.
   */
  private static final String HEARTBEAT_TABLE = "executors";

  private final TestServer server;
  private final String token;
  private StoreSnapshot stored;

  SweepVerdicts(TestServer server, String token) {
    this.server = server;
    this.token = token;
  }

  /** Takes what is stored now as what every answer until the next baseline must leave. */
  void baseline() {
    stored = snapshot();
  }

  void refused(DescribedOperation operation, RawHttp.Answer response) {
    assertThat(response.status())
        .as("%s -> %s", operation, response.body())
        .isBetween(400, 499)
        .satisfiesAnyOf(
            status -> assertThat(operation.documented()).contains(status),
            status -> assertThat(TRANSPORT).contains(status));
    JsonNode error = readJson(response.body());
    assertThat(error.path("detail").asText()).isNotBlank();
    assertThat(error.path("error_type").asText()).isNotBlank();
    assertThat(error.path("timestamp").asText()).isNotBlank();
    unchanged(response, false);
  }

  /** A value the route may take as a filter: any answer but a 5xx, and nothing stored changes. */
  void answered(DescribedOperation operation, RawHttp.Answer response) {
    if (response.status() >= 400) {
      refused(operation, response);
      return;
    }
    assertThat(response.status()).as("%s -> %s", operation, response.body()).isBetween(200, 299);
    // The metrics exposition names the HTTP server's own families (jetty_threads_busy, …) on
    // purpose; every other library word stays out of it too.
    unchanged(response, operation.path().equals("/metrics/prometheus"));
  }

  private void unchanged(RawHttp.Answer response, boolean exposition) {
    if (!exposition) {
      assertThat(response.body()).doesNotContainIgnoringCase("jetty");
    }
    assertThat(response.body())
        .doesNotContain("Exception")
        .doesNotContain("\tat ")
        .doesNotContainIgnoringCase("jackson")
        .doesNotContainIgnoringCase("com.fasterxml")
        .doesNotContainIgnoringCase("javalin")
        .doesNotContainIgnoringCase("org.h2")
        .doesNotContain("java.")
        .doesNotContain("SQLState");
    Map<String, String> after = snapshot().tables();
    Map<String, String> changed = new TreeMap<>();
    stored
        .tables()
        .forEach(
            (table, digest) -> {
              if (!table.equalsIgnoreCase(HEARTBEAT_TABLE) && !digest.equals(after.get(table))) {
                changed.put(table, digest + " -> " + after.get(table));
              }
            });
    assertThat(changed).as("what the request changed").isEmpty();
  }

  RawHttp.Answer send(
      DescribedOperation operation,
      String path,
      String type,
      String body,
      Consumer<HttpRequest.Builder> extra) {
    var request =
        server
            .request(path)
            .method(
                operation.method(),
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (operation.secured()) {
      request.header("Authorization", "Bearer " + token);
    }
    if (type != null && !type.isEmpty()) {
      request.header("Content-Type", type);
    }
    extra.accept(request);
    HttpResponse<String> response = server.send(request);
    return new RawHttp.Answer(response.statusCode(), "", response.body());
  }

  /** A body one byte over the limit, declared but not sent (see {@link RawHttp}). */
  RawHttp.Answer oversized(DescribedOperation operation, String path, String type) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Content-Type", type);
    if (operation.secured()) {
      headers.put("Authorization", "Bearer " + token);
    }
    return RawHttp.declareBody(
        server.server.port(),
        operation.method(),
        path,
        headers,
        server.server.config().maxRequestBytes() + 1L);
  }

  private JsonNode readJson(String body) {
    try {
      return server.json.readTree(body);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private StoreSnapshot snapshot() {
    return StoreSnapshot.of(server.server.config().databaseUrl(), server.evidence);
  }
}
