package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.rpa.server.TestServer;

/**
 * The fleet monitoring API of a real server over the known {@link FleetHistory}, with the server's
 * clock at the history's end (11:10): the exact figures of each endpoint, and bad input refused.
 * The server runs nothing itself ({@code MAX_WORKERS=0}): its own executor is an offline robot.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FleetMetricsContract implements JobHistoryContract {
  private FleetHistory history;
  private TestServer server;
  private String token;

  /** A fresh, empty database. */
  protected abstract String databaseUrl();

  @BeforeAll
  void start() {
    String url = databaseUrl();
    history = FleetHistory.build(url);
    server = new TestServer(Map.of("DATABASE_URL", url));
    server.clock.set(FleetHistory.END);
    token = server.token("viewer", TestServer.PASSWORD);
  }

  @AfterAll
  void stop() {
    try {
      server.close();
    } finally {
      history.close();
    }
  }

  @Test
  void the_fleet_counts_robots_by_state_with_active_jobs_and_queue_depth() {
    assertThat(get("/fleet"))
        .isEqualTo(
            json(
                """
                {"total_robots": 4, "active_robots": 1, "idle_robots": 1, "offline_robots": 2,
                 "active_jobs": 1, "queue_depth": 2}"""));
  }

  @Test
  void robots_show_their_state_load_and_resources_and_filter_by_state() {
    JsonNode robots = get("/robots");
    assertThat(robots.findValuesAsText("robot_id"))
        .containsAll(List.of("exec-a", "exec-b", "worker-c"))
        .hasSize(4);
    String host = robot(robots, "exec-a").path("hostname").asText();
    assertThat(host).isNotBlank();
    assertThat(robot(robots, "exec-a"))
        .isEqualTo(
            json(
                """
                {"robot_id": "exec-a", "hostname": "%s", "status": "idle", "kind": "local",
                 "address": null, "capacity": 8, "active_jobs": 0, "cpu_percent": 12.5,
                 "memory_mb": 256.0, "processes": 1, "started_at": "2026-03-02T09:00:00.000Z",
                 "last_seen": "2026-03-02T11:10:00.000Z"}"""
                    .formatted(host)));
    assertThat(robot(robots, "worker-c"))
        .isEqualTo(
            json(
                """
                {"robot_id": "worker-c", "hostname": "host-c", "status": "busy", "kind": "remote",
                 "address": "http://10.0.0.3:8621", "capacity": 2, "active_jobs": 1,
                 "cpu_percent": 150.5, "memory_mb": 1536.0, "processes": 4,
                 "started_at": "2026-03-02T10:00:00.000Z",
                 "last_seen": "2026-03-02T11:10:00.000Z"}"""));
    JsonNode execB = robot(robots, "exec-b");
    assertThat(execB.path("status").asText()).isEqualTo("offline");
    assertThat(execB.path("last_seen").asText()).isEqualTo("2026-03-02T10:00:05.000Z");
    assertThat(execB.path("cpu_percent").isNull()).isTrue();
    assertThat(execB.path("memory_mb").isNull()).isTrue();

    assertThat(get("/robots?status=busy").findValuesAsText("robot_id")).containsExactly("worker-c");
    assertThat(get("/robots?status=idle").findValuesAsText("robot_id")).containsExactly("exec-a");
    assertThat(get("/robots?status=offline").findValuesAsText("robot_id"))
        .contains("exec-b")
        .doesNotContain("exec-a", "worker-c")
        .hasSize(2);
  }

  @Test
  void a_robot_comes_with_its_performance_over_the_period() {
    assertThat(get("/robots/exec-a").path("performance"))
        .isEqualTo(
            json(
                """
                {"period": "24h", "executions": 12, "successful": 6, "failed": 5, "timeout": 1,
                 "cancelled": 0, "retries": 3, "success_rate": 50.0,
                 "average_duration_ms": 3416.7, "p50_duration_ms": 600.0,
                 "p90_duration_ms": 3000.0, "p99_duration_ms": 31000.0}"""));
    assertThat(get("/robots/exec-a").path("robot").path("status").asText()).isEqualTo("idle");
    assertThat(get("/robots/exec-a?period=1h").path("performance"))
        .isEqualTo(
            json(
                """
                {"period": "1h", "executions": 6, "successful": 3, "failed": 3, "timeout": 0,
                 "cancelled": 0, "retries": 2, "success_rate": 50.0,
                 "average_duration_ms": 900.0, "p50_duration_ms": 100.0,
                 "p90_duration_ms": 3000.0, "p99_duration_ms": 3000.0}"""));
    assertThat(get("/robots/exec-b").path("performance"))
        .isEqualTo(
            json(
                """
                {"period": "24h", "executions": 2, "successful": 2, "failed": 0, "timeout": 0,
                 "cancelled": 0, "retries": 1, "success_rate": 100.0,
                 "average_duration_ms": 2600.0, "p50_duration_ms": 1200.0,
                 "p90_duration_ms": 4000.0, "p99_duration_ms": 4000.0}"""));
    assertThat(get("/robots/exec-b?period=1h").path("performance"))
        .isEqualTo(
            json(
                """
                {"period": "1h", "executions": 0, "successful": 0, "failed": 0, "timeout": 0,
                 "cancelled": 0, "retries": 0, "success_rate": null,
                 "average_duration_ms": null, "p50_duration_ms": null,
                 "p90_duration_ms": null, "p99_duration_ms": null}"""));
    JsonNode workerC = get("/robots/worker-c").path("performance");
    assertThat(workerC.path("executions").asLong()).isOne();
    assertThat(workerC.path("cancelled").asLong()).isOne();
    assertThat(workerC.path("success_rate").asDouble()).isZero();
    assertThat(workerC.path("average_duration_ms").isNull()).isTrue();
  }

  @Test
  void analytics_of_the_default_day_and_of_the_last_hour() {
    assertThat(get("/analytics"))
        .isEqualTo(
            json(
                """
                {"period": "24h", "total_jobs": 15, "success_rate": 53.33, "failure_rate": 40.0,
                 "average_duration_ms": 3300.0, "p50_duration_ms": 800.0,
                 "p90_duration_ms": 4000.0, "p99_duration_ms": 31000.0,
                 "slowest_workflows": [
                   {"workflow_id": "osn.cancellation", "executions": 6,
                    "average_duration_ms": 6960.0, "p90_duration_ms": 31000.0,
                    "max_duration_ms": 31000},
                   {"workflow_id": "demo.report", "executions": 2,
                    "average_duration_ms": 2300.0, "p90_duration_ms": 4000.0,
                    "max_duration_ms": 4000},
                   {"workflow_id": "mfn.validation", "executions": 7,
                    "average_duration_ms": 971.4, "p90_duration_ms": 3000.0,
                    "max_duration_ms": 3000}],
                 "error_distribution": [
                   {"error_type": "PortalDown", "count": 4, "percent": 57.14},
                   {"error_type": "Cancelled", "count": 1, "percent": 14.29},
                   {"error_type": "CircuitNotFound", "count": 1, "percent": 14.29},
                   {"error_type": "Timeout", "count": 1, "percent": 14.29}],
                 "self_healing_success_rate": 75.0}"""));
    JsonNode hour = get("/analytics?period=1h");
    assertThat(hour.path("total_jobs").asLong()).isEqualTo(7);
    assertThat(hour.path("success_rate").asDouble()).isEqualTo(42.86);
    assertThat(hour.path("failure_rate").asDouble()).isEqualTo(42.86);
    assertThat(hour.path("average_duration_ms").asDouble()).isEqualTo(900.0);
    assertThat(hour.path("p50_duration_ms").asDouble()).isEqualTo(100.0);
    assertThat(hour.path("p99_duration_ms").asDouble()).isEqualTo(3000.0);
    assertThat(hour.path("self_healing_success_rate").asDouble()).isEqualTo(100.0);
    assertThat(get("/analytics?period=30d"))
        .isEqualTo(((ObjectNode) get("/analytics")).put("period", "30d"));
  }

  @Test
  void bad_input_is_refused_with_the_error_body_and_changes_nothing() {
    JsonNode before = get("/jobs?limit=500");
    long jobs = server.jobCount();
    Map<String, Integer> cases =
        Map.ofEntries(
            Map.entry("/robots?status=sleeping", 400),
            Map.entry("/robots?status=IDLE,busy", 400),
            Map.entry("/robots/nobody", 404),
            Map.entry("/robots/exec-a?period=2h", 400),
            Map.entry("/jobs?limit=0", 400),
            Map.entry("/jobs?limit=501", 400),
            Map.entry("/jobs?limit=ten", 400),
            Map.entry("/jobs?status=done", 400),
            Map.entry("/jobs?status=pending&limit=0", 400),
            Map.entry("/jobs?workflow_id=validation", 400),
            Map.entry("/jobs?cursor=not-a-cursor", 400),
            Map.entry("/jobs?robot=exec-a", 400),
            Map.entry("/jobs/999999", 404),
            Map.entry("/jobs/abc", 400),
            Map.entry("/analytics?period=1w", 400),
            Map.entry("/fleet?verbose=1", 400));
    cases.forEach(
        (path, status) -> {
          var response = server.get(FleetMetricsRoutes.PREFIX + path, token);
          assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(status);
          JsonNode error = server.body(response);
          assertThat(error.path("detail").asText()).as(path).isNotBlank();
          assertThat(error.path("error_type").asText()).as(path).isNotBlank();
          assertThat(error.path("timestamp").asText()).as(path).isNotBlank();
        });
    assertThat(server.get(FleetMetricsRoutes.PREFIX + "/fleet", null).statusCode()).isEqualTo(401);
    assertThat(get("/jobs?limit=500")).isEqualTo(before);
    assertThat(server.jobCount()).isEqualTo(jobs);
  }

  @Override
  public FleetHistory history() {
    return history;
  }

  @Override
  public JsonNode get(String path) {
    var response = server.get(FleetMetricsRoutes.PREFIX + path, token);
    assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
    return server.body(response);
  }

  private static JsonNode robot(JsonNode robots, String id) {
    for (JsonNode robot : robots) {
      if (robot.path("robot_id").asText().equals(id)) {
        return robot;
      }
    }
    throw new AssertionError("no robot " + id + " in " + robots);
  }

  private JsonNode json(String text) {
    try {
      return server.json.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
