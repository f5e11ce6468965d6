package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * The supervisor routes against a running server: the fields and codes of each, actions that change
 * what GET shows and what the history (in the store) records, the permission to stop a critical
 * loop, an injected crash driven through backoff, failure and reset on the server's {@code
 * MutableClock}, and the history surviving a restart on the same H2 file.
 */
class SupervisorRoutesTest {
  private static final String BASE = SupervisorApi.BASE;
  private static TestServer server;
  private static String admin;
  private static String operator;
  private static String viewer;
  private static SupervisorApi api;

  @BeforeAll
  static void start() {
    server = new TestServer();
    admin = server.adminToken();
    operator = server.token("operator", TestServer.PASSWORD);
    viewer = server.token("viewer", TestServer.PASSWORD);
    api = new SupervisorApi(server, viewer);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void status_lists_every_loop_in_the_seed_shape_at_both_paths() {
    JsonNode body = api.ok(server.get(BASE, viewer));
    JsonNode alias = api.ok(server.get(BASE + "/status", viewer));

    assertThat(body.path("running").asBoolean()).isTrue();
    assertThat(body.path("worker_count").asInt()).isEqualTo(body.path("workers").size());
    assertThat(java.time.Instant.parse(body.path("timestamp").asText()))
        .isEqualTo(server.clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
    assertThat(alias.path("workers")).isEqualTo(body.path("workers"));
    List<String> names = new ArrayList<>();
    body.path("workers").forEach(worker -> names.add(worker.path("name").asText()));
    assertThat(names).contains("dispatcher", "writer", "heartbeat", "scheduler", "lease_sweeper");
    JsonNode dispatcher = SupervisorApi.worker(body, "dispatcher");
    assertThat(SupervisorApi.fieldNames(dispatcher))
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
      assertThat(SupervisorApi.worker(body, critical).path("critical").asBoolean())
          .as(critical)
          .isTrue();
    }
    assertThat(SupervisorApi.worker(body, "scheduler").path("critical").asBoolean()).isFalse();
    assertThat(server.get(BASE, null).statusCode()).isEqualTo(401);
  }

  @Test
  void a_bad_name_is_400_an_unknown_one_404_and_a_forbidden_transition_400() {
    for (String verb : List.of("start", "stop", "restart")) {
      api.assertError(api.post(BASE + "/workers/1bad/" + verb, admin), 400, "ValidationError");
      api.assertError(api.post(BASE + "/workers/bad-name/" + verb, admin), 400, "ValidationError");
      HttpResponse<String> unknown = api.post(BASE + "/workers/no_such_loop/" + verb, admin);
      api.assertError(unknown, 404, "NotFoundError");
      assertThat(server.body(unknown).path("detail").asText())
          .isEqualTo("Worker 'no_such_loop' not found");
    }
    api.assertError(api.post(BASE + "/reset/1bad", admin), 400, "ValidationError");
    api.assertError(api.post(BASE + "/reset/no_such_loop", admin), 404, "NotFoundError");

    HttpResponse<String> running = api.post(BASE + "/workers/timeouts/start", admin);
    api.assertError(running, 400, "ValidationError");
    assertThat(server.body(running).path("detail").asText())
        .isEqualTo("Worker 'timeouts' is running and cannot be started");
  }

  @Test
  void stop_and_start_change_what_get_shows_and_restart_is_recorded_as_manual() {
    JsonNode stopped = api.ok(api.post(BASE + "/workers/scheduler/stop", operator));
    assertThat(stopped.toString())
        .isEqualTo(
            "{\"success\":true,\"message\":\"Worker 'scheduler' stopped successfully\","
                + "\"worker_name\":\"scheduler\"}");
    assertThat(
            SupervisorApi.worker(api.ok(server.get(BASE, viewer)), "scheduler")
                .path("status")
                .asText())
        .isEqualTo("stopped");
    api.assertError(api.post(BASE + "/workers/scheduler/stop", operator), 400, "ValidationError");

    JsonNode started = api.ok(api.post(BASE + "/workers/scheduler/start", operator));
    assertThat(started.path("message").asText())
        .isEqualTo("Worker 'scheduler' started successfully");
    assertThat(
            SupervisorApi.worker(api.ok(server.get(BASE, viewer)), "scheduler")
                .path("status")
                .asText())
        .isEqualTo("running");

    JsonNode restarted = api.ok(api.post(BASE + "/workers/scheduler/restart", operator));
    assertThat(restarted.path("message").asText())
        .isEqualTo("Worker 'scheduler' restarted successfully");
    JsonNode history = api.ok(server.get(BASE + "/restart-history?worker_name=scheduler", viewer));
    JsonNode newest = history.path("items").get(0);
    assertThat(SupervisorApi.fieldNames(newest))
        .containsExactly("worker_name", "timestamp", "attempt", "status", "error", "executor_id");
    assertThat(newest.path("worker_name").asText()).isEqualTo("scheduler");
    assertThat(newest.path("status").asText()).isEqualTo("manual");
    assertThat(newest.path("attempt").asInt()).isZero();
    assertThat(newest.path("error").isNull()).isTrue();
    assertThat(newest.path("executor_id").asText())
        .isEqualTo(server.server.orchestrator().executorId());

    JsonNode reset = api.ok(api.post(BASE + "/reset/scheduler", operator));
    assertThat(reset.toString())
        .isEqualTo("{\"success\":true,\"message\":\"Worker 'scheduler' restart count reset\"}");
  }

  @Test
  void the_history_pages_with_the_seed_pagination_and_refuses_bad_parameters() {
    for (int i = 0; i < 3; i++) {
      api.ok(api.post(BASE + "/workers/lease_sweeper/restart", admin));
    }
    JsonNode first =
        api.ok(server.get(BASE + "/restart-history?worker_name=lease_sweeper&limit=2", viewer));
    JsonNode pagination = first.path("pagination");
    assertThat(SupervisorApi.fieldNames(pagination))
        .containsExactly("total", "limit", "offset", "items_count", "has_more");
    assertThat(pagination.path("total").asInt()).isEqualTo(3);
    assertThat(pagination.path("limit").asInt()).isEqualTo(2);
    assertThat(pagination.path("items_count").asInt()).isEqualTo(2);
    assertThat(pagination.path("has_more").asBoolean()).isTrue();
    JsonNode last =
        api.ok(
            server.get(
                BASE + "/restart-history?worker_name=lease_sweeper&limit=2&offset=2", viewer));
    assertThat(last.path("items").size()).isEqualTo(1);
    assertThat(last.path("pagination").path("has_more").asBoolean()).isFalse();
    assertThat(
            api.ok(server.get(BASE + "/restart-history", viewer)).path("pagination").path("limit"))
        .hasToString("50");

    for (String bad :
        List.of("limit=0", "limit=101", "limit=x", "offset=-1", "worker_name=bad-name", "zz=1")) {
      api.assertError(server.get(BASE + "/restart-history?" + bad, viewer), 400, "ValidationError");
    }
  }

  @Test
  void viewers_may_not_act_and_a_critical_stop_needs_its_own_permission_and_is_audited() {
    api.assertError(api.post(BASE + "/workers/scheduler/restart", viewer), 403, "PermissionError");
    api.assertError(api.post(BASE + "/reset/scheduler", viewer), 403, "PermissionError");

    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> refused = api.post(BASE + "/workers/heartbeat/stop", operator);
      api.assertError(refused, 403, "PermissionError");
      assertThat(server.body(refused).path("detail").asText()).contains("supervisor:stop_critical");
      assertThat(
              SupervisorApi.worker(api.ok(server.get(BASE, viewer)), "heartbeat")
                  .path("status")
                  .asText())
          .isEqualTo("running");

      api.ok(api.post(BASE + "/workers/heartbeat/stop", admin));
      assertThat(
              SupervisorApi.worker(api.ok(server.get(BASE, viewer)), "heartbeat")
                  .path("status")
                  .asText())
          .isEqualTo("stopped");
      api.ok(api.post(BASE + "/workers/heartbeat/start", admin));
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
        api.assertError(stopped.send(request), 503, "ServiceUnavailableError");
      }
      assertThat(stopped.get(BASE + "/restart-history", token).statusCode()).isEqualTo(200);
    }
  }
}
