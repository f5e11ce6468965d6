package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;
import org.rpa.server.worker.WorkerService;

/**
 * {@code GET /api/system/health/full} on the running server, in the documented shape: the store and
 * the wake-up channel, the downstream services as their scheduled probes found them (a real worker
 * service, a portal and a callback receiver on loopback that the test stops and starts), the
 * breakers and the loops; 200 healthy or degraded, 503 unhealthy.
 */
class FullHealthRoutesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir Path secrets;
  private final MutableClock clock = MutableClock.at(START);
  private final Downstream downstream = new Downstream();
  private final List<TestServer> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    servers.forEach(TestServer::close);
    downstream.close();
  }

  @Test
  void a_queue_only_server_without_workers_answers_503_in_the_documented_shape() {
    TestServer server = server(new TestServer());

    var response = server.get("/api/system/health/full", null);
    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = server.body(response);
    assertThat(fieldNames(body))
        .containsExactly(
            "status",
            "ready",
            "message",
            "postgres",
            "redis",
            "ai_services",
            "circuit_breakers",
            "workers",
            "timestamp",
            "version");
    assertThat(body.path("status").asText()).isEqualTo("unhealthy");
    assertThat(body.path("ready").isBoolean()).isTrue();
    assertThat(body.path("ready").asBoolean()).isFalse();
    assertThat(body.path("message").asText())
        .isEqualTo("Unhealthy: executors unhealthy")
        .as("no executor can run jobs: MAX_WORKERS=0 and no worker");

    JsonNode postgres = body.path("postgres");
    assertThat(fieldNames(postgres)).containsExactly("name", "status", "message", "details");
    assertThat(postgres.path("name").asText()).isEqualTo("postgres");
    assertThat(postgres.path("status").asText()).isEqualTo("healthy");
    assertThat(postgres.path("message").asText()).isEqualTo("Database operational");
    assertThat(postgres.path("details").path("engine").asText()).isEqualTo("H2");
    assertThat(postgres.path("details").path("version").asText()).startsWith("2.");
    assertThat(postgres.path("details").path("state").asText()).isEqualTo("connected");
    assertThat(postgres.path("details").path("latency_ms").isNumber()).isTrue();

    JsonNode redis = body.path("redis");
    assertThat(redis.path("name").asText()).isEqualTo("redis");
    assertThat(redis.path("status").asText()).isEqualTo("healthy");
    assertThat(redis.path("message").asText())
        .isEqualTo("Submits wake the dispatcher by an in-process signal");
    assertThat(redis.path("details").path("mechanism").asText()).isEqualTo("in_process");
    assertThat(redis.path("details").path("state").asText()).isEqualTo("signal");
    assertThat(redis.path("details").path("observer_type").asText()).isEqualTo("native");
    assertThat(redis.path("details").path("poll_interval_seconds").asDouble()).isEqualTo(1.0);

    assertThat(body.path("ai_services").isArray()).isTrue();
    assertThat(body.path("ai_services")).as("no worker, no browser here, no callback").isEmpty();
    JsonNode breakers = body.path("circuit_breakers");
    assertThat(fieldNames(breakers))
        .containsExactly("total", "open", "half_open", "closed", "breakers");
    assertThat(breakers.path("total").asInt()).isEqualTo(4);
    assertThat(breakers.path("closed").asInt()).isEqualTo(4);
    assertThat(breakers.path("breakers").path("portal-mfn").asText()).isEqualTo("closed");

    JsonNode dispatcher = loop(body, "dispatcher");
    assertThat(fieldNames(dispatcher)).containsExactly("name", "running", "critical", "status");
    assertThat(dispatcher.path("running").asBoolean()).isTrue();
    assertThat(dispatcher.path("critical").asBoolean()).isTrue();
    assertThat(loop(body, "writer").path("critical").asBoolean()).isTrue();
    assertThat(loop(body, "heartbeat").path("critical").asBoolean()).isTrue();
    assertThat(loop(body, "service_prober").path("critical").asBoolean()).isFalse();
    assertThat(body.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(body.path("version").isTextual()).isTrue();
  }

  @Test
  void services_are_probed_on_the_clock_and_a_portal_that_goes_down_degrades_the_health()
      throws IOException {
    var portal = downstream.endpoint(0, 302);
    var receiver = downstream.endpoint(0, 405);
    Files.writeString(secrets.resolve("METROFIBER_URL"), portal.url("/login"));
    WorkerService worker = downstream.worker(0, 2);
    Map<String, String> env =
        new java.util.HashMap<>(downstream.orchestrator(List.of(worker.port())));
    env.put("CALLBACK_ENDPOINT", receiver.url("/hooks/rpa"));
    TestServer server = server(new TestServer(env, clock, secrets, builder -> {}));

    JsonNode healthy = awaitFull(server, body -> allProbed(body, 3) && healthy(body));
    assertThat(healthy.path("ready").asBoolean()).isTrue();
    assertThat(healthy.path("message").asText()).isEqualTo("All systems operational");
    assertThat(names(healthy.path("ai_services")))
        .containsExactly("worker-1", "callback", "portal-mfn");
    JsonNode workerService = service(healthy, "worker-1");
    assertThat(fieldNames(workerService))
        .containsExactly(
            "name",
            "display_name",
            "status",
            "url",
            "response_time_ms",
            "error",
            "circuit_state",
            "last_check",
            "critical");
    assertThat(workerService.path("display_name").asText())
        .isEqualTo("Remote worker http://127.0.0.1:" + worker.port());
    assertThat(workerService.path("status").asText()).isEqualTo("healthy");
    assertThat(workerService.path("url").asText()).isEqualTo("http://127.0.0.1:" + worker.port());
    assertThat(workerService.path("response_time_ms").isNumber()).isTrue();
    assertThat(workerService.path("error").isNull()).isTrue();
    assertThat(workerService.path("circuit_state").asText()).isEqualTo("closed");
    assertThat(workerService.path("last_check").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(workerService.path("critical").asBoolean()).isFalse();
    assertThat(service(healthy, "portal-mfn").path("url").asText()).isEqualTo(portal.url("/login"));
    assertThat(service(healthy, "portal-mfn").path("display_name").asText())
        .isEqualTo("mfn portal");
    assertThat(service(healthy, "callback").path("status").asText()).isEqualTo("healthy");
    assertThat(healthy.path("circuit_breakers").path("breakers").path("worker-1").asText())
        .isEqualTo("closed");
    int portalProbes = portal.requests.get();
    assertThat(portalProbes).isOne();

    portal.stop();
    JsonNode unchanged = server.body(server.get("/api/system/health/full", null));
    assertThat(service(unchanged, "portal-mfn").path("status").asText())
        .as("the route reads the last probe: nothing probed the portal since")
        .isEqualTo("healthy");

    clock.advance(Duration.ofSeconds(30));
    JsonNode degraded =
        awaitFull(
            server,
            body -> service(body, "portal-mfn").path("status").asText().equals("unhealthy"));
    assertThat(server.get("/api/system/health/full", null).statusCode()).isEqualTo(200);
    assertThat(degraded.path("status").asText()).isEqualTo("degraded");
    assertThat(degraded.path("ready").asBoolean()).isTrue();
    assertThat(degraded.path("message").asText()).isEqualTo("Degraded: portal-mfn unhealthy");
    JsonNode down = service(degraded, "portal-mfn");
    assertThat(down.path("error").asText()).startsWith("ConnectException");
    assertThat(down.path("last_check").asText()).isEqualTo("2026-01-01T00:00:30.000Z");
    assertThat(service(degraded, "worker-1").path("last_check").asText())
        .isEqualTo("2026-01-01T00:00:30.000Z");
    JsonNode pipeline = pipelineService(server, "portal-mfn");
    assertThat(pipeline.path("consecutive_failures").asInt()).isOne();
    assertThat(pipeline.path("error_message").asText()).startsWith("ConnectException");

    clock.advance(Duration.ofSeconds(30));
    Downstream.awaitBody(
        "a second failed probe",
        () -> pipelineService(server, "portal-mfn"),
        node -> node.path("consecutive_failures").asInt() == 2);

    portal.start();
    clock.advance(Duration.ofSeconds(30));
    awaitFull(server, FullHealthRoutesTest::healthy);
    JsonNode recovered = pipelineService(server, "portal-mfn");
    assertThat(recovered.path("consecutive_failures").asInt()).isZero();
    assertThat(recovered.path("error_message").isNull()).isTrue();
    assertThat(recovered.path("last_check").asText()).isEqualTo("2026-01-01T00:01:30.000Z");
    assertThat(portal.requests.get()).as("one probe per interval once it was back").isEqualTo(2);
  }

  @Test
  void an_open_critical_breaker_or_a_stopped_critical_loop_answers_503() {
    WorkerService worker = downstream.worker(0, 2);
    TestServer server =
        server(
            new TestServer(downstream.orchestrator(List.of(worker.port())), clock, null, b -> {}));
    awaitFull(server, body -> allProbed(body, 1) && healthy(body));

    var breakers = server.server.orchestrator().breakers();
    breakers
        .breaker("ledger", BreakerOptions.custom().critical(true).build())
        .transitionToOpenState();
    var critical = server.get("/api/system/health/full", null);
    assertThat(critical.statusCode()).isEqualTo(503);
    JsonNode body = server.body(critical);
    assertThat(body.path("message").asText()).isEqualTo("Unhealthy: circuit_breakers unhealthy");
    assertThat(body.path("circuit_breakers").path("open").asInt()).isOne();
    assertThat(body.path("circuit_breakers").path("breakers").path("ledger").asText())
        .isEqualTo("open");
    breakers.reset("ledger");
    breakers.breaker("portal-osn").transitionToOpenState();
    JsonNode open = server.body(server.get("/api/system/health/full", null));
    assertThat(open.path("status").asText())
        .as("a portal's breaker is not critical")
        .isEqualTo("degraded");
    assertThat(open.path("message").asText()).isEqualTo("Degraded: circuit_breakers degraded");
    breakers.reset("portal-osn");
    awaitFull(server, FullHealthRoutesTest::healthy);

    var stop =
        server.send(
            server
                .request("/api/system/supervisor/workers/dispatcher/stop")
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + server.adminToken()));
    assertThat(stop.statusCode()).isEqualTo(200);
    var stopped = server.get("/api/system/health/full", null);
    assertThat(stopped.statusCode()).isEqualTo(503);
    JsonNode loops = server.body(stopped);
    assertThat(loops.path("message").asText()).isEqualTo("Unhealthy: dispatcher unhealthy");
    assertThat(loop(loops, "dispatcher").path("running").asBoolean()).isFalse();
    assertThat(loop(loops, "dispatcher").path("status").asText()).isEqualTo("stopped");
  }

  private TestServer server(TestServer server) {
    servers.add(server);
    return server;
  }

  private static JsonNode awaitFull(
      TestServer server, java.util.function.Predicate<JsonNode> condition) {
    return Downstream.awaitBody(
        "the full health",
        () -> server.body(server.get("/api/system/health/full", null)),
        condition);
  }

  private static boolean healthy(JsonNode body) {
    return body.path("status").asText().equals("healthy");
  }

  /** Whether the first probe of each of the {@code count} services has finished. */
  private static boolean allProbed(JsonNode body, int count) {
    JsonNode services = body.path("ai_services");
    if (services.size() != count) {
      return false;
    }
    for (JsonNode service : services) {
      if (service.path("status").asText().equals("unknown")) {
        return false;
      }
    }
    return true;
  }

  private static JsonNode pipelineService(TestServer server, String name) {
    JsonNode body = server.body(server.get("/api/system/pipeline", server.adminToken()));
    for (JsonNode service : body.path("degradation").path("services")) {
      if (service.path("name").asText().equals(name)) {
        return service;
      }
    }
    throw new AssertionError("no service " + name + " in " + body);
  }

  private static JsonNode service(JsonNode body, String name) {
    for (JsonNode service : body.path("ai_services")) {
      if (service.path("name").asText().equals(name)) {
        return service;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static JsonNode loop(JsonNode body, String name) {
    for (JsonNode loop : body.path("workers")) {
      if (loop.path("name").asText().equals(name)) {
        return loop;
      }
    }
    throw new AssertionError("no loop " + name + " in " + body.path("workers"));
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(node -> names.add(node.path("name").asText()));
    return names;
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
