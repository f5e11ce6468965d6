package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.core.supervise.LoopStatus;
import org.rpa.core.supervise.RestartPolicy;
import org.rpa.core.supervise.SupervisedLoop;
import org.rpa.core.supervise.Supervisor;
import org.rpa.server.TestServer;

/**
 * Seed 003's supervisor routes against a running server: the fields and codes of each, actions that
 * change what GET shows and what the history (in the store) records, the permission to stop a
 * critical loop, an injected crash driven through backoff, failure and reset on the server's {@code
 * MutableClock}, and the history surviving a restart on the same H2 file.
 */
class SupervisorRoutesTest {
  private static final String BASE = "/api/system/supervisor";
  private static TestServer server;
  private static String admin;
  private static String operator;
  private static String viewer;

  @BeforeAll
  static void start() {
    server = new TestServer();
    admin = server.adminToken();
    operator = server.token("operator", TestServer.PASSWORD);
    viewer = server.token("viewer", TestServer.PASSWORD);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void status_lists_every_loop_in_the_seed_shape_at_both_paths() {
    JsonNode body = ok(server.get(BASE, viewer));
    JsonNode alias = ok(server.get(BASE + "/status", viewer));

    assertThat(body.path("running").asBoolean()).isTrue();
    assertThat(body.path("worker_count").asInt()).isEqualTo(body.path("workers").size());
    assertThat(java.time.Instant.parse(body.path("timestamp").asText()))
        .isEqualTo(server.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(alias.path("workers")).isEqualTo(body.path("workers"));
    List<String> names = new ArrayList<>();
    body.path("workers").forEach(worker -> names.add(worker.path("name").asText()));
    assertThat(names).contains("dispatcher", "writer", "heartbeat", "scheduler", "lease_sweeper");
    JsonNode dispatcher = worker(body, "dispatcher");
    assertThat(fieldNames(dispatcher))
        .containsExactly(
            "name",
            "status",
            "restart_count",
            "max_restarts",
            "last_started_at",
            "last_crashed_at",
            "error",
            "critical");
    assertThat(dispatcher.path("status").asText()).isEqualTo("running");
    assertThat(dispatcher.path("max_restarts").asInt()).isEqualTo(5);
    assertThat(dispatcher.path("last_crashed_at").isNull()).isTrue();
    assertThat(dispatcher.path("error").isNull()).isTrue();
    for (String critical : List.of("dispatcher", "writer", "heartbeat")) {
      assertThat(worker(body, critical).path("critical").asBoolean()).as(critical).isTrue();
    }
    assertThat(worker(body, "scheduler").path("critical").asBoolean()).isFalse();
    assertThat(server.get(BASE, null).statusCode()).isEqualTo(401);
  }

  @Test
  void a_bad_name_is_400_an_unknown_one_404_and_a_forbidden_transition_400() {
    for (String verb : List.of("start", "stop", "restart")) {
      assertError(post(BASE + "/workers/1bad/" + verb, admin), 400, "ValidationError");
      assertError(post(BASE + "/workers/bad-name/" + verb, admin), 400, "ValidationError");
      HttpResponse<String> unknown = post(BASE + "/workers/no_such_loop/" + verb, admin);
      assertError(unknown, 404, "NotFoundError");
      assertThat(server.body(unknown).path("detail").asText())
          .isEqualTo("Worker 'no_such_loop' not found");
    }
    assertError(post(BASE + "/reset/1bad", admin), 400, "ValidationError");
    assertError(post(BASE + "/reset/no_such_loop", admin), 404, "NotFoundError");

    HttpResponse<String> running = post(BASE + "/workers/timeouts/start", admin);
    assertError(running, 400, "ValidationError");
    assertThat(server.body(running).path("detail").asText())
        .isEqualTo("Worker 'timeouts' is running and cannot be started");
  }

  @Test
  void stop_and_start_change_what_get_shows_and_restart_is_recorded_as_manual() {
    JsonNode stopped = ok(post(BASE + "/workers/scheduler/stop", operator));
    assertThat(stopped.toString())
        .isEqualTo(
            "{\"success\":true,\"message\":\"Worker 'scheduler' stopped successfully\","
                + "\"worker_name\":\"scheduler\"}");
    assertThat(worker(ok(server.get(BASE, viewer)), "scheduler").path("status").asText())
        .isEqualTo("stopped");
    assertError(post(BASE + "/workers/scheduler/stop", operator), 400, "ValidationError");

    JsonNode started = ok(post(BASE + "/workers/scheduler/start", operator));
    assertThat(started.path("message").asText())
        .isEqualTo("Worker 'scheduler' started successfully");
    assertThat(worker(ok(server.get(BASE, viewer)), "scheduler").path("status").asText())
        .isEqualTo("running");

    JsonNode restarted = ok(post(BASE + "/workers/scheduler/restart", operator));
    assertThat(restarted.path("message").asText())
        .isEqualTo("Worker 'scheduler' restarted successfully");
    JsonNode history = ok(server.get(BASE + "/restart-history?worker_name=scheduler", viewer));
    JsonNode newest = history.path("items").get(0);
    assertThat(fieldNames(newest))
        .containsExactly("worker_name", "timestamp", "attempt", "status", "error", "executor_id");
    assertThat(newest.path("worker_name").asText()).isEqualTo("scheduler");
    assertThat(newest.path("status").asText()).isEqualTo("manual");
    assertThat(newest.path("attempt").asInt()).isZero();
    assertThat(newest.path("error").isNull()).isTrue();
    assertThat(newest.path("executor_id").asText())
        .isEqualTo(server.server.orchestrator().executorId());

    JsonNode reset = ok(post(BASE + "/reset/scheduler", operator));
    assertThat(reset.toString())
        .isEqualTo("{\"success\":true,\"message\":\"Worker 'scheduler' restart count reset\"}");
  }

  @Test
  void the_history_pages_with_the_seed_pagination_and_refuses_bad_parameters() {
    for (int i = 0; i < 3; i++) {
      ok(post(BASE + "/workers/lease_sweeper/restart", admin));
    }
    JsonNode first =
        ok(server.get(BASE + "/restart-history?worker_name=lease_sweeper&limit=2", viewer));
    JsonNode pagination = first.path("pagination");
    assertThat(fieldNames(pagination))
        .containsExactly("total", "limit", "offset", "items_count", "has_more");
    assertThat(pagination.path("total").asInt()).isEqualTo(3);
    assertThat(pagination.path("limit").asInt()).isEqualTo(2);
    assertThat(pagination.path("items_count").asInt()).isEqualTo(2);
    assertThat(pagination.path("has_more").asBoolean()).isTrue();
    JsonNode last =
        ok(
            server.get(
                BASE + "/restart-history?worker_name=lease_sweeper&limit=2&offset=2", viewer));
    assertThat(last.path("items").size()).isEqualTo(1);
    assertThat(last.path("pagination").path("has_more").asBoolean()).isFalse();
    assertThat(ok(server.get(BASE + "/restart-history", viewer)).path("pagination").path("limit"))
        .hasToString("50");

    for (String bad :
        List.of("limit=0", "limit=101", "limit=x", "offset=-1", "worker_name=bad-name", "zz=1")) {
      assertError(server.get(BASE + "/restart-history?" + bad, viewer), 400, "ValidationError");
    }
  }

  @Test
  void viewers_may_not_act_and_a_critical_stop_needs_its_own_permission_and_is_audited() {
    assertError(post(BASE + "/workers/scheduler/restart", viewer), 403, "PermissionError");
    assertError(post(BASE + "/reset/scheduler", viewer), 403, "PermissionError");

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> refused = post(BASE + "/workers/heartbeat/stop", operator);
      assertError(refused, 403, "PermissionError");
      assertThat(server.body(refused).path("detail").asText()).contains("supervisor:stop_critical");
      assertThat(worker(ok(server.get(BASE, viewer)), "heartbeat").path("status").asText())
          .isEqualTo("running");

      ok(post(BASE + "/workers/heartbeat/stop", admin));
      assertThat(worker(ok(server.get(BASE, viewer)), "heartbeat").path("status").asText())
          .isEqualTo("stopped");
      ok(post(BASE + "/workers/heartbeat/start", admin));
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains(
            "audit who=operator action=supervisor:stop_critical"
                + " target=/api/system/supervisor/workers/heartbeat/stop from=127.0.0.1"
                + " outcome=refused")
        .contains(
            "audit who=admin action=supervisor:stop_critical"
                + " target=/api/system/supervisor/workers/heartbeat/stop from=127.0.0.1"
                + " outcome=allowed")
        .contains(
            "audit who=admin action=supervisor:control"
                + " target=/api/system/supervisor/workers/heartbeat/stop from=127.0.0.1"
                + " outcome=ok_200");
  }

  @Test
  void an_injected_crash_is_crashed_then_restarting_after_the_backoff_then_failed_then_reset() {
    Supervisor supervisor = server.server.orchestrator().supervisor();
    Probe probe = new Probe("probe_loop");
    List<LoopStatus.Status> seen = new CopyOnWriteArrayList<>();
    supervisor.addListener(
        status -> {
          if (status.name().equals(probe.name())) {
            seen.add(status.status());
          }
        });
    supervisor.register(probe);
    await(() -> status("probe_loop").path("status").asText().equals("running"));

    String crashedAt = server.body(server.get(BASE, viewer)).path("timestamp").asText();
    crash(supervisor, probe, "Connection reset by peer", "crashed");
    JsonNode crashed = status("probe_loop");
    assertThat(crashed.path("restart_count").asInt()).isEqualTo(1);
    assertThat(crashed.path("last_crashed_at").asText()).isEqualTo(crashedAt);
    assertThat(crashed.path("error").asText()).isEqualTo("Connection reset by peer");
    // Until the clock passes the first backoff (1 s), nothing restarts it.
    server.clock.advance(RestartPolicy.ofDefaults().backoff(1).minusMillis(1));
    assertThat(supervisor.runOnce()).isZero();
    assertThat(status("probe_loop").path("status").asText()).isEqualTo("crashed");

    server.clock.advance(Duration.ofMillis(1));
    await(() -> status("probe_loop").path("status").asText().equals("running"));
    assertThat(seen)
        .containsSubsequence(
            LoopStatus.Status.CRASHED, LoopStatus.Status.RESTARTING, LoopStatus.Status.RUNNING);
    JsonNode history = ok(server.get(BASE + "/restart-history?worker_name=probe_loop", viewer));
    assertThat(history.path("items").get(0).path("status").asText()).isEqualTo("success");
    assertThat(history.path("items").get(0).path("attempt").asInt()).isEqualTo(1);
    assertThat(history.path("items").get(1).path("status").asText()).isEqualTo("crashed");
    assertThat(history.path("items").get(1).path("error").asText())
        .isEqualTo("Connection reset by peer");

    for (int restart = 2; restart <= RestartPolicy.DEFAULT_MAX_RESTARTS; restart++) {
      crash(supervisor, probe, "boom " + restart, "crashed");
      assertThat(status("probe_loop").path("restart_count").asInt()).isEqualTo(restart);
      server.clock.advance(RestartPolicy.ofDefaults().backoff(restart));
      await(() -> status("probe_loop").path("status").asText().equals("running"));
    }
    crash(supervisor, probe, "boom 6", "failed");
    server.clock.advance(RestartPolicy.DEFAULT_MAX_BACKOFF);
    assertThat(supervisor.runOnce()).isZero();
    JsonNode failed = status("probe_loop");
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("restart_count").asInt()).isEqualTo(5);
    JsonNode top = ok(server.get(BASE + "/restart-history?worker_name=probe_loop&limit=2", viewer));
    assertThat(top.path("items").get(0).path("status").asText()).isEqualTo("failed");
    assertThat(top.path("items").get(1).path("status").asText()).isEqualTo("crashed");
    assertThat(top.path("pagination").path("total").asInt()).isEqualTo(12);

    ok(post(BASE + "/reset/probe_loop", operator));
    JsonNode reset = status("probe_loop");
    assertThat(reset.path("status").asText()).isEqualTo("running");
    assertThat(reset.path("restart_count").asInt()).isZero();
    assertThat(
            ok(server.get(BASE + "/restart-history?worker_name=probe_loop&limit=1", viewer))
                .path("items")
                .get(0)
                .path("status")
                .asText())
        .isEqualTo("manual");
  }

  @Test
  void actions_are_503_while_the_supervisor_is_not_running() {
    try (var stopped = new TestServer()) {
      String token = stopped.adminToken();
      stopped.server.orchestrator().supervisor().stop();

      JsonNode body = stopped.body(stopped.get(BASE, token));
      assertThat(body.path("running").asBoolean()).isFalse();
      for (String path :
          List.of(
              "/workers/scheduler/start",
              "/workers/scheduler/stop",
              "/workers/scheduler/restart",
              "/reset/scheduler")) {
        var request =
            stopped
                .request(BASE + path)
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + token);
        assertError(stopped.send(request), 503, "ServiceUnavailableError");
      }
      assertThat(stopped.get(BASE + "/restart-history", token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void the_history_survives_a_restart_of_the_server_on_the_same_h2_file() throws Exception {
    Path directory = Files.createTempDirectory("rpa-supervisor-");
    Map<String, String> env =
        Map.of("DATABASE_URL", "jdbc:h2:file:" + directory.resolve("rpa").toAbsolutePath());
    String executor;
    try (var first = new TestServer(env)) {
      String token = first.adminToken();
      executor = first.server.orchestrator().executorId();
      var request =
          first
              .request(BASE + "/workers/scheduler/restart")
              .POST(HttpRequest.BodyPublishers.noBody())
              .header("Authorization", "Bearer " + token);
      assertThat(first.send(request).statusCode()).isEqualTo(200);
    }
    try (var second = new TestServer(env)) {
      JsonNode history =
          second.body(
              second.get(BASE + "/restart-history?worker_name=scheduler", second.adminToken()));
      assertThat(history.path("pagination").path("total").asInt()).isEqualTo(1);
      JsonNode event = history.path("items").get(0);
      assertThat(event.path("status").asText()).isEqualTo("manual");
      assertThat(event.path("executor_id").asText())
          .isEqualTo(executor)
          .isNotEqualTo(second.server.orchestrator().executorId());
    }
  }

  @Test
  void a_loop_being_restarted_shows_restarting_until_its_old_thread_ends() throws Exception {
    Supervisor supervisor = server.server.orchestrator().supervisor();
    Probe probe = new Probe("slow_loop");
    supervisor.register(probe);
    await(() -> status("slow_loop").path("status").asText().equals("running"));
    var release = new java.util.concurrent.CountDownLatch(1);
    probe.block.set(release);
    supervisor.wake(probe.name());
    await(() -> probe.blocked.get());

    var restart =
        server.client.sendAsync(
            server
                .request(BASE + "/workers/slow_loop/restart")
                .POST(HttpRequest.BodyPublishers.noBody())
                .header("Authorization", "Bearer " + operator)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    await(() -> status("slow_loop").path("status").asText().equals("restarting"));
    assertThat(restart).isNotDone();

    release.countDown();
    assertThat(restart.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(status("slow_loop").path("status").asText()).isEqualTo("running");
  }

  /** A loop of the running server that throws, or blocks, on its next pass when told to. */
  private static final class Probe implements SupervisedLoop {
    private final String name;
    final AtomicReference<String> crashNext = new AtomicReference<>();
    final AtomicReference<java.util.concurrent.CountDownLatch> block = new AtomicReference<>();
    final java.util.concurrent.atomic.AtomicBoolean blocked =
        new java.util.concurrent.atomic.AtomicBoolean();

    Probe(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void runOnce() throws InterruptedException {
      var latch = block.getAndSet(null);
      if (latch != null) {
        blocked.set(true);
        latch.await();
      }
      String message = crashNext.getAndSet(null);
      if (message != null) {
        throw new IllegalStateException(message);
      }
    }
  }

  private static void crash(Supervisor supervisor, Probe probe, String message, String expected) {
    probe.crashNext.set(message);
    supervisor.wake(probe.name());
    await(() -> status(probe.name()).path("status").asText().equals(expected));
  }

  private static JsonNode status(String name) {
    return worker(ok(server.get(BASE, viewer)), name);
  }

  private static HttpResponse<String> post(String path, String token) {
    return server.send(
        server
            .request(path)
            .POST(HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + token));
  }

  private static JsonNode ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return server.body(response);
  }

  private static void assertError(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode error = server.body(response);
    assertThat(error.path("detail").asText()).isNotBlank();
    assertThat(error.path("error_type").asText()).isEqualTo(type);
    assertThat(error.path("timestamp").asText()).isNotBlank();
  }

  private static JsonNode worker(JsonNode body, String name) {
    for (JsonNode worker : body.path("workers")) {
      if (worker.path("name").asText().equals(name)) {
        return worker;
      }
    }
    throw new AssertionError("no worker " + name + " in " + body);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Waits for what another thread does (the supervisor's own); never sleeps for time logic. */
  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("condition not met within 10 s");
      }
      LockSupport.parkNanos(5_000_000);
    }
  }
}
