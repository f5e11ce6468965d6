package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/** The fleet monitoring API over the known history on H2; and on a server with no history. */
class FleetMetricsTest extends FleetMetricsContract {
  @Override
  protected String databaseUrl() {
    return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  }

  @Test
  void every_fleet_route_is_described_secured_by_monitoring_read_with_its_response_schema() {
    try (var server = new TestServer()) {
      JsonNode document = server.body(server.get("/openapi.json", null));
      JsonNode paths = document.path("paths");
      Map<String, String> schemas =
          Map.of(
              "/fleet", "FleetBody",
              "/robots/{robot_id}", "RobotDetail",
              "/jobs", "JobHistory",
              "/jobs/{job_id}", "JobView",
              "/analytics", "AnalyticsBody");
      schemas.forEach(
          (path, schema) -> {
            JsonNode get = paths.path(FleetMetricsRoutes.PREFIX + path).path("get");
            assertThat(get.path("description").asText()).as(path).contains("monitoring:read");
            assertThat(response(get).path("$ref").asText())
                .as(path)
                .isEqualTo("#/components/schemas/" + schema);
          });
      JsonNode robots = response(paths.path(FleetMetricsRoutes.PREFIX + "/robots").path("get"));
      assertThat(robots.path("type").asText()).isEqualTo("array");
      assertThat(robots.path("items").path("$ref").asText())
          .isEqualTo("#/components/schemas/RobotSummary");
      assertThat(
              document
                  .path("components")
                  .path("schemas")
                  .path("RobotSummary")
                  .path("properties")
                  .has("cpu_percent"))
          .isTrue();
    }
  }

  private static JsonNode response(JsonNode operation) {
    return operation
        .path("responses")
        .path("200")
        .path("content")
        .path("application/json")
        .path("schema");
  }

  @Test
  void with_no_history_the_rates_and_durations_are_null_and_the_lists_empty() {
    try (var empty = new TestServer()) {
      String token = empty.adminToken();
      JsonNode analytics = empty.body(empty.get("/api/v1/metrics/analytics", token));
      assertThat(analytics.path("total_jobs").asLong()).isZero();
      for (String field :
          new String[] {
            "success_rate",
            "failure_rate",
            "average_duration_ms",
            "p50_duration_ms",
            "p90_duration_ms",
            "p99_duration_ms",
            "self_healing_success_rate"
          }) {
        assertThat(analytics.path(field).isNull()).as(field).isTrue();
      }
      assertThat(analytics.path("slowest_workflows").size()).isZero();
      assertThat(analytics.path("error_distribution").size()).isZero();
      JsonNode fleet = empty.body(empty.get("/api/v1/metrics/fleet", token));
      assertThat(fleet.path("total_robots").asInt()).isOne();
      assertThat(fleet.path("offline_robots").asInt()).as("its executor runs nothing").isOne();
      assertThat(fleet.path("queue_depth").asLong()).isZero();
      JsonNode history = empty.body(empty.get("/api/v1/metrics/jobs", token));
      assertThat(history.path("total").asLong()).isZero();
      assertThat(history.path("jobs").size()).isZero();
    }
  }
}
