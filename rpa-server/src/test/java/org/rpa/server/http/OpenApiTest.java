package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

class OpenApiTest {
  private static TestServer server;
  private static JsonNode document;

  @BeforeAll
  static void start() {
    server = new TestServer();
    document = server.body(server.get("/openapi.json", null));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_route_javalin_serves_is_described() {
    List<String> served = HttpApp.servedRoutes(server.server.http());
    List<String> described = new ArrayList<>();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        method ->
                            described.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));

    assertThat(served).hasSizeGreaterThanOrEqualTo(22);
    assertThat(described).containsExactlyInAnyOrderElementsOf(served);
  }

  @Test
  void protected_routes_name_their_permission_and_the_bearer_scheme() {
    JsonNode reset = document.path("paths").path("/scheduler/reset").path("post");

    assertThat(reset.path("description").asText()).contains("scheduler:reset");
    assertThat(reset.path("security").get(0).has("bearer")).isTrue();
    assertThat(reset.path("responses").has("401")).isTrue();
    assertThat(document.path("paths").path("/health").path("get").has("security")).isFalse();
  }

  @Test
  void every_route_but_the_workers_result_reports_may_answer_429() {
    assertThat(document.path("paths").path("/jobs").path("post").path("responses").has("429"))
        .isTrue();
    assertThat(
            document
                .path("paths")
                .path("/callbacks/job-complete")
                .path("post")
                .path("responses")
                .has("429"))
        .as("not counted against the worker's address")
        .isFalse();
  }

  @Test
  void request_and_response_schemas_use_the_wire_names() {
    JsonNode schemas = document.path("components").path("schemas");

    assertThat(schemas.path("JobCreate").path("properties").has("idempotency_key")).isTrue();
    assertThat(schemas.path("JobView").path("properties").has("workflow_id")).isTrue();
    assertThat(schemas.path("ErrorBody").path("properties").has("error_type")).isTrue();
    assertThat(document.path("openapi").asText()).startsWith("3.");
    assertThat(document.toString()).doesNotContain("exampleSetFlag");
  }

  @Test
  void the_monitoring_views_are_described_in_camel_case_as_they_are_written() {
    JsonNode schemas = document.path("components").path("schemas");
    JsonNode stats = document.path("paths").path("/api/system/stats").path("get");

    assertThat(stats.path("description").asText()).contains("monitoring:read");
    assertThat(stats.path("parameters").get(0).path("name").asText()).isEqualTo("period");
    assertThat(stats.path("responses").path("200").toString()).contains("StatsBody");
    assertThat(schemas.path("StatsData").path("properties").has("periodStart")).isTrue();
    assertThat(schemas.path("StatsData").path("properties").has("executionsByTaskType")).isTrue();
    assertThat(schemas.path("HourFigures").path("properties").has("_id")).isTrue();
    assertThat(schemas.path("JobLog").path("properties").has("isRetry")).isTrue();
    assertThat(schemas.path("LiveExecutions").path("properties").has("failedLast5min")).isTrue();
    assertThat(schemas.path("SystemHealthBody").path("properties").has("responseTime")).isTrue();
    assertThat(document.path("paths").path("/api/system/health").path("get").has("security"))
        .isFalse();
  }

  @Test
  void the_supervisor_routes_are_described_with_their_permissions_and_schemas() {
    JsonNode paths = document.path("paths");
    JsonNode schemas = document.path("components").path("schemas");
    JsonNode history = paths.path("/api/system/supervisor/restart-history").path("get");
    JsonNode stop = paths.path("/api/system/supervisor/workers/{name}/stop").path("post");
    JsonNode reset = paths.path("/api/system/supervisor/reset/{name}").path("post");

    assertThat(paths.path("/api/system/supervisor").path("get").path("description").asText())
        .contains("monitoring:read");
    assertThat(paths.path("/api/system/supervisor/status").path("get").toString())
        .contains("SupervisorBody");
    assertThat(history.path("description").asText()).contains("monitoring:read");
    List<String> parameters = new ArrayList<>();
    history.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
    assertThat(parameters).containsExactly("worker_name", "limit", "offset");
    assertThat(history.path("responses").path("200").toString()).contains("RestartHistoryBody");
    assertThat(stop.path("description").asText()).contains("supervisor:control");
    assertThat(stop.path("summary").asText()).contains("supervisor:stop_critical");
    assertThat(stop.path("responses").has("400")).isTrue();
    assertThat(stop.path("responses").has("404")).isTrue();
    assertThat(stop.path("responses").has("503")).isTrue();
    assertThat(stop.path("responses").path("200").toString()).contains("WorkerActionBody");
    assertThat(reset.path("responses").path("200").toString()).contains("WorkerResetBody");
    assertThat(schemas.path("SupervisorBody").path("properties").has("worker_count")).isTrue();
    assertThat(schemas.path("SupervisedWorkerView").path("properties").has("last_crashed_at"))
        .isTrue();
    assertThat(schemas.path("SupervisedWorkerView").path("properties").has("restart_count"))
        .isTrue();
    assertThat(schemas.path("WorkerActionBody").path("properties").has("worker_name")).isTrue();
    assertThat(schemas.path("RestartEventView").path("properties").has("worker_name")).isTrue();
    assertThat(schemas.path("RestartPagination").path("properties").has("items_count")).isTrue();
    assertThat(schemas.path("RestartPagination").path("properties").has("has_more")).isTrue();
  }
}
