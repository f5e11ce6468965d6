package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.BreakerStateChanged;
import org.rpa.server.TestServer;

/**
 * {@code GET /api/system/circuit-breakers} and {@code POST …/{name}/reset} on a real server whose
 * remote worker is a loopback port nobody listens on: the heartbeat's probes fail for real until
 * the worker's breaker opens; the route shows it open with its failure rate and calls, refuses bad
 * names, unknown names and callers without the permission (changing nothing), and a reset closes
 * it, publishes the state change and is audited. The callback receiver and the browser grid are
 * configured too, so their breakers are listed.
 */
class BreakerRoutesTest {
  private static final String TOKEN = "breaker-routes-token-0123456789";
  private static final PrintStream ORIGINAL_ERR = System.err;
  private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
  private static TestServer server;
  private static String deadUrl;
  private static final List<BreakerStateChanged> events = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    System.setErr(new PrintStream(LOG, true, StandardCharsets.UTF_8));
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    deadUrl = "http://127.0.0.1:" + port;
    server =
        new TestServer(
            Map.of(
                "WORKER_URLS",
                deadUrl,
                "WORKER_AUTH_TOKEN",
                TOKEN,
                "WORKER_TIMEOUT",
                "1",
                "HEARTBEAT_INTERVAL_SECONDS",
                "1",
                "LEASE_LENGTH_SECONDS",
                "2",
                "CALLBACK_ENDPOINT",
                deadUrl + "/callbacks",
                "BROWSER_GRID_URL",
                deadUrl + "/wd/hub"));
    server.server.orchestrator().events().subscribe(BreakerStateChanged.class, events::add);
  }

  @AfterAll
  static void stop() {
    try {
      server.close();
    } finally {
      System.setErr(ORIGINAL_ERR);
    }
  }

  @Test
  void every_registered_breaker_is_listed_with_its_critical_flag_and_url() {
    JsonNode body = list(server.token("viewer", TestServer.PASSWORD));
    Map<String, JsonNode> byName = byName(body);

    assertThat(byName)
        .containsKeys(
            "worker-1", "callback", "browser-grid", "portal-mfn", "portal-osn", "portal-octotel");
    assertThat(byName.get("worker-1").path("url").asText()).isEqualTo(deadUrl);
    assertThat(byName.get("callback").path("url").asText()).isEqualTo(deadUrl + "/callbacks");
    assertThat(byName.get("callback").path("display_name").asText())
        .isEqualTo("Completion callback receiver");
    assertThat(byName.get("browser-grid").path("url").asText()).isEqualTo(deadUrl + "/wd/hub");
    assertThat(byName.get("browser-grid").path("display_name").asText()).isEqualTo("Selenium Grid");
    JsonNode portal = byName.get("portal-mfn");
    assertThat(portal.path("state").asText()).isEqualTo("closed");
    assertThat(portal.path("failure_rate").isNull()).as("no calls yet").isTrue();
    assertThat(portal.path("critical").isBoolean()).isTrue();
    assertThat(portal.path("minimum_number_of_calls").asInt()).isEqualTo(5);
    assertThat(portal.path("failure_rate_threshold").asDouble()).isEqualTo(50.0);
    assertThat(portal.path("calls").path("buffered").asInt()).isZero();
    assertThat(portal.path("calls").has("not_permitted")).isTrue();
    JsonNode summary = body.path("summary");
    assertThat(summary.path("total").asInt()).isEqualTo(byName.size());
    assertThat(
            summary.path("open").asInt()
                + summary.path("half_open").asInt()
                + summary.path("closed").asInt())
        .isEqualTo(byName.size());
    assertThat(summary.path("breakers").size()).isEqualTo(byName.size());
    assertThat(body.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
  }

  @Test
  void a_dead_worker_opens_its_breaker_bad_resets_change_nothing_and_a_reset_closes_it() {
    String operator = server.token("operator", TestServer.PASSWORD);
    String viewer = server.token("viewer", TestServer.PASSWORD);

    JsonNode open = await(viewer, w -> w.path("state").asText().equals("open"));
    assertThat(open.path("failure_rate").asDouble()).isEqualTo(100.0);
    JsonNode calls = open.path("calls");
    assertThat(calls.path("buffered").asInt()).isGreaterThanOrEqualTo(5);
    assertThat(calls.path("failed").asInt()).isEqualTo(calls.path("buffered").asInt());
    assertThat(calls.path("successful").asInt()).isZero();
    assertThat(list(viewer).path("summary").path("breakers").path("worker-1").asText())
        .isEqualTo("open");
    // The probes go on, and the open breaker refuses them.
    await(viewer, w -> w.path("calls").path("not_permitted").asLong() > 0);

    String path = "/api/system/circuit-breakers/worker-1/reset";
    assertThat(post(path, null).statusCode()).isEqualTo(401);
    HttpResponse<String> refused = post(path, viewer);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(server.body(refused).path("error_type").asText()).isEqualTo("PermissionError");
    HttpResponse<String> bad = post("/api/system/circuit-breakers/worker%201%21/reset", operator);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(server.body(bad).path("error_type").asText()).isEqualTo("ValidationError");
    assertThat(server.body(bad).path("detail").asText())
        .isEqualTo("Circuit breaker names must match ^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$");
    assertThat(post("/api/system/circuit-breakers/-worker-1/reset", operator).statusCode())
        .isEqualTo(400);
    HttpResponse<String> unknown = post("/api/system/circuit-breakers/worker-9/reset", operator);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(server.body(unknown).path("detail").asText())
        .isEqualTo("Circuit breaker 'worker-9' is not registered");
    assertThat(server.body(unknown).path("error_type").asText()).isEqualTo("NotFoundError");
    assertThat(byName(list(viewer)).get("worker-1").path("state").asText())
        .as("after the refused resets")
        .isEqualTo("open");
    assertThat(byName(list(viewer))).doesNotContainKey("worker-9");
    assertThat(events).noneMatch(e -> e.to().equals("closed"));

    int mark = LOG.size();
    HttpResponse<String> reset = post(path, operator);

    assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
    JsonNode answer = server.body(reset);
    assertThat(answer.path("success").asBoolean()).isTrue();
    assertThat(answer.path("message").asText())
        .isEqualTo("Circuit breaker 'worker-1' reset to closed");
    assertThat(answer.path("name").asText()).isEqualTo("worker-1");
    assertThat(answer.path("previous_state").asText()).isEqualTo("open");
    assertThat(answer.path("state").asText()).isEqualTo("closed");
    JsonNode closed = byName(list(viewer)).get("worker-1");
    assertThat(closed.path("state").asText()).isEqualTo("closed");
    if (closed.path("calls").path("buffered").asInt() < 5) {
      assertThat(closed.path("failure_rate").isNull()).as(closed.toString()).isTrue();
    }
    assertThat(closed.path("calls").path("not_permitted").asLong()).isZero();
    assertThat(events)
        .anySatisfy(
            e -> {
              assertThat(e.breaker()).isEqualTo("worker-1");
              assertThat(e.from()).isEqualTo("open");
              assertThat(e.to()).isEqualTo("closed");
              assertThat(e.type()).isEqualTo("breaker.state_changed");
            });
    assertThat(LOG.toString(StandardCharsets.UTF_8).substring(mark))
        .contains(
            "audit who=operator action=breaker:reset target="
                + path
                + " from=127.0.0.1 outcome=ok_200");

    // Still dead: the probes fail again and open it again.
    JsonNode reopened = await(viewer, w -> w.path("state").asText().equals("open"));
    assertThat(reopened.path("failure_rate").asDouble()).isEqualTo(100.0);
    System.out.printf(
        "breaker routes: worker-1 open (%s calls), reset to closed, open again (%s calls)%n",
        calls, reopened.path("calls"));
  }

  @Test
  void both_routes_are_described_with_their_schemas_and_permissions() {
    JsonNode document = server.body(server.get("/openapi.json", null));
    JsonNode list = document.path("paths").path("/api/system/circuit-breakers").path("get");
    JsonNode reset =
        document.path("paths").path("/api/system/circuit-breakers/{name}/reset").path("post");
    JsonNode schemas = document.path("components").path("schemas");

    assertThat(list.path("description").asText()).contains("monitoring:read");
    assertThat(list.path("responses").path("200").toString()).contains("BreakersBody");
    assertThat(reset.path("description").asText()).contains("breaker:reset");
    assertThat(reset.path("responses").path("200").toString()).contains("BreakerResetBody");
    assertThat(reset.path("responses").has("400")).isTrue();
    assertThat(reset.path("responses").has("401")).isTrue();
    assertThat(reset.path("responses").has("403")).isTrue();
    assertThat(reset.path("responses").has("404")).isTrue();
    assertThat(reset.path("parameters").get(0).path("name").asText()).isEqualTo("name");
    JsonNode body = schemas.path("BreakersBody").path("properties");
    assertThat(body.has("circuit_breakers")).isTrue();
    assertThat(body.has("summary")).isTrue();
    assertThat(
            schemas
                .path("BreakerItem")
                .path("properties")
                .path("failure_rate")
                .path("type")
                .asText())
        .isEqualTo("number");
    assertThat(schemas.path("BreakerCalls").path("properties").has("not_permitted")).isTrue();
    assertThat(schemas.path("BreakerCounts").path("properties").has("half_open")).isTrue();
    assertThat(schemas.path("BreakerResetBody").path("properties").has("previous_state")).isTrue();
  }

  private static JsonNode list(String token) {
    HttpResponse<String> response = server.get("/api/system/circuit-breakers", token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return server.body(response);
  }

  private static Map<String, JsonNode> byName(JsonNode body) {
    Map<String, JsonNode> byName = new java.util.TreeMap<>();
    List<String> order = new ArrayList<>();
    body.path("circuit_breakers")
        .forEach(
            breaker -> {
              byName.put(breaker.path("name").asText(), breaker);
              order.add(breaker.path("name").asText());
            });
    assertThat(order).as("sorted by name").isSorted();
    return byName;
  }

  private static HttpResponse<String> post(String path, String token) {
    var request = server.request(path).POST(HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return server.send(request);
  }

  /** Polls the list until worker-1 satisfies {@code condition} (real time: the probes are). */
  private static JsonNode await(String token, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    JsonNode last = null;
    while (System.nanoTime() < deadline) {
      last = byName(list(token)).get("worker-1");
      if (last != null && condition.test(last)) {
        return last;
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    throw new AssertionError("timed out; worker-1 is " + last);
  }
}
