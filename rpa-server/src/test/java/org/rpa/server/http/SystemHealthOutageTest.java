package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/**
 * {@code /api/system/health} answers 503 once the database is gone or the scheduler stopped; the
 * full health names the store unhealthy, and the pipeline, read from the store, is 503.
 */
class SystemHealthOutageTest {

  @Test
  void health_is_503_while_the_scheduler_is_not_running() {
    try (var server = new TestServer()) {
      server.server.orchestrator().schedules().setRunning(false);
      HttpResponse<String> response = server.get("/api/system/health", null);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      JsonNode health = server.body(response);
      assertThat(health.path("status").asText()).isEqualTo("unhealthy");
      assertThat(health.path("components").path("scheduler").path("status").asText())
          .isEqualTo("unhealthy");
      assertThat(health.path("components").path("database").path("state").asText())
          .isEqualTo("connected");
      server.server.orchestrator().schedules().setRunning(true);
      assertThat(server.get("/api/system/health", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void health_is_503_and_the_database_disconnected_once_the_database_is_gone() throws SQLException {
    String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    // IFEXISTS: once shut down, the database is not silently created again, empty.
    try (Connection holder = DriverManager.getConnection(url);
        var server = new TestServer(Map.of("DATABASE_URL", url + ";IFEXISTS=TRUE"))) {
      assertThat(server.get("/api/system/health", null).statusCode()).isEqualTo(200);
      String token = server.adminToken();

      holder.createStatement().execute("SHUTDOWN");
      HttpResponse<String> response = server.get("/api/system/health", null);

      assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
      JsonNode health = server.body(response);
      assertThat(health.path("status").asText()).isEqualTo("unhealthy");
      JsonNode database = health.path("components").path("database");
      assertThat(database.path("status").asText()).isEqualTo("unhealthy");
      assertThat(database.path("state").asText()).isEqualTo("disconnected");
      JsonNode scheduler = health.path("components").path("scheduler");
      assertThat(scheduler.path("status").asText()).isEqualTo("healthy");
      assertThat(scheduler.path("recentExecutions").isNull()).isTrue();
      assertThat(scheduler.path("pendingJobs").isNull()).isTrue();
      assertThat(health.path("components").path("process").path("pid").asLong())
          .isEqualTo(ProcessHandle.current().pid());

      HttpResponse<String> full = server.get("/api/system/health/full", null);
      assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
      JsonNode store = server.body(full).path("postgres");
      assertThat(store.path("status").asText()).isEqualTo("unhealthy");
      assertThat(store.path("details").path("engine").asText()).isEqualTo("H2");
      assertThat(store.path("details").path("state").asText()).isEqualTo("disconnected");
      assertThat(server.body(full).path("message").asText())
          .startsWith("Unhealthy: store unhealthy");
      HttpResponse<String> pipeline = server.get("/api/system/pipeline", token);
      assertThat(pipeline.statusCode()).isEqualTo(503);
      assertThat(server.body(pipeline).path("error_type").asText())
          .isEqualTo("ServiceUnavailableError");
    }
  }
}
