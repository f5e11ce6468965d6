package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.dispatch.Fleet;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.SeedExample;
import org.rpa.server.TestServer;
import org.rpa.server.WorkerConfig;

/**
 * The fleet as the orchestrator server shows it, with a real worker service in this JVM: the worker
 * reports its resources in {@code /status}, the orchestrator keeps them in its executor row, and
 * {@code /metrics} names each worker once, by its endpoint, leaving out the orchestrator's own
 * executor, which runs nothing ({@code MAX_WORKERS=0}).
 */
class FleetViewTest {
  private static final String TOKEN = "fleet-view-token-0123";
  private WorkerService worker;
  private TestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (worker != null) {
      worker.close();
    }
  }

  @Test
  void a_worker_reports_its_resources_and_metrics_lists_it_once_by_its_endpoint() {
    worker = worker();
    String url = "http://127.0.0.1:" + worker.port();
    server =
        new TestServer(
            Map.of(
                "WORKER_URLS", url,
                "WORKER_AUTH_TOKEN", TOKEN,
                "WORKER_DEMO_HANDLERS", "true",
                "HEARTBEAT_INTERVAL_SECONDS", "1",
                "LEASE_LENGTH_SECONDS", "2"));
    var fleet = server.server.orchestrator().fleet();
    await("the worker in the fleet", () -> remote(fleet) != null);

    Fleet.Member member = remote(fleet);
    assertThat(member.id()).isEqualTo(worker.workerId());
    assertThat(member.address()).isEqualTo(url);
    assertThat(member.state()).isEqualTo(Fleet.State.IDLE);
    assertThat(member.capacity()).isEqualTo(2);
    assertThat(member.resources()).isNotNull();
    assertThat(member.resources().memoryBytes()).isPositive();
    assertThat(member.resources().processes()).isPositive();
    assertThat(fleet.executors())
        .filteredOn(executor -> executor.kind().equals("local"))
        .singleElement()
        .satisfies(
            local -> {
              assertThat(local.capacity()).isZero();
              assertThat(local.state()).isEqualTo(Fleet.State.OFFLINE);
            });

    JsonNode status = server.body(server.get("/status", null));
    JsonNode listed = status.path("workers");
    assertThat(listed.findValuesAsText("id")).contains(worker.workerId());
    for (JsonNode view : listed) {
      if (view.path("id").asText().equals(worker.workerId())) {
        assertThat(view.path("status").asText()).isEqualTo("idle");
        assertThat(view.path("address").asText()).isEqualTo(url);
        assertThat(view.path("memory_mb").asDouble()).isPositive();
        assertThat(view.path("processes").asInt()).isPositive();
      }
    }

    JsonNode workers = server.body(server.get("/metrics", null)).path("current").path("workers");
    assertThat(workers.size()).as(workers.toString()).isEqualTo(1);
    assertThat(workers.path(url + "/execute").asText()).isEqualTo("online");
  }

  @Test
  void metrics_match_the_documented_example_field_by_field() {
    worker = worker();
    String url = "http://127.0.0.1:" + worker.port();
    server =
        new TestServer(
            Map.of(
                "WORKER_URLS", url,
                "WORKER_AUTH_TOKEN", TOKEN,
                "WORKER_DEMO_HANDLERS", "true",
                "HEARTBEAT_INTERVAL_SECONDS", "1",
                "LEASE_LENGTH_SECONDS", "2"));
    await("the worker online", () -> remote(server.server.orchestrator().fleet()) != null);
    String token = server.adminToken();
    server.sendJson("POST", "/jobs", "{\"provider\":\"demo\",\"action\":\"echo\"}", token);
    server.clock.advance(Duration.ofMinutes(5));
    server.server.orchestrator().schedules().runDue();

    JsonNode body = server.body(server.get("/metrics", null));

    SeedExample.of("000-metrics.json").keyedByValue("current.workers").assertMatches(body);
    assertThat(body.path("metrics").size()).isEqualTo(2);
    assertThat(body.path("current").path("status").asText()).isIn("online", "degraded");
    assertThat(body.path("current").path("workers").toString())
        .isEqualTo("{\"" + url + "/execute\":\"online\"}");
  }

  @Test
  void current_workers_are_the_configured_workers_and_the_live_executors_each_once() {
    worker = worker();
    String url = "http://127.0.0.1:" + worker.port();
    String database = "jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    server =
        new TestServer(
            Map.of(
                "DATABASE_URL", database,
                "MAX_WORKERS", "1",
                "WORKER_URLS", url,
                "WORKER_AUTH_TOKEN", TOKEN,
                "WORKER_DEMO_HANDLERS", "true",
                "HEARTBEAT_INTERVAL_SECONDS", "1",
                "LEASE_LENGTH_SECONDS", "2"));
    await("the worker online", () -> remote(server.server.orchestrator().fleet()) != null);
    String peerId;
    try (var peer =
        org.rpa.core.Orchestrator.builder()
            .database(database)
            .clock(server.clock)
            .concurrency(1)
            .handler("demo", "peer", ctx -> org.rpa.core.job.JobResult.success())
            .build()
            .start()) {
      peerId = peer.executorId();

      assertThat(workers())
          .as("the configured worker, this orchestrator's executor, the other orchestrator's")
          .containsExactly(
              Map.entry(url + "/execute", "online"),
              Map.entry("in-process", "online"),
              Map.entry("in-process:" + peerId, "online"));
    }
    assertThat(workers())
        .as("the other orchestrator stopped")
        .doesNotContainKey("in-process:" + peerId);

    worker.close();
    await("the worker offline", () -> "offline".equals(workers().get(url + "/execute")));
    assertThat(workers())
        .as("a configured worker stays listed, offline")
        .containsExactly(Map.entry(url + "/execute", "offline"), Map.entry("in-process", "online"));
    worker = null;
  }

  private Map<String, String> workers() {
    JsonNode workers = server.body(server.get("/metrics", null)).path("current").path("workers");
    Map<String, String> states = new java.util.LinkedHashMap<>();
    workers.fields().forEachRemaining(e -> states.put(e.getKey(), e.getValue().asText()));
    return states;
  }

  @Test
  void the_worker_status_reports_its_own_process_resources() {
    worker = worker();
    JsonNode resources = WorkerProtocol.MAPPER.valueToTree(worker.status()).path("resources");

    assertThat(resources.path("memory_bytes").asLong()).isPositive();
    assertThat(resources.path("memory_mb").asDouble())
        .isEqualTo(Math.round(resources.path("memory_bytes").asLong() / 104857.6) / 10.0);
    assertThat(resources.path("processes").asInt()).isPositive();
    assertThat(resources.path("cpu_percent").isNumber()).isTrue();
  }

  private static Fleet.Member remote(Fleet fleet) {
    return fleet.executors().stream()
        .filter(member -> member.kind().equals("remote"))
        .findFirst()
        .orElse(null);
  }

  private WorkerService worker() {
    Map<String, String> env = new HashMap<>();
    env.put("WORKER_HOST", "127.0.0.1");
    env.put("WORKER_PORT", "0");
    env.put("WORKER_AUTH_TOKEN", TOKEN);
    env.put("MAX_WORKERS", "2");
    return WorkerService.start(
        WorkerConfig.from(env, null),
        MutableClock.at("2026-01-01T00:00:00Z"),
        DemoHandlers.all(),
        SeleniumCheck.disabled());
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
