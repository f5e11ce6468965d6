package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/** {@code GET /api/system/alerts}: every rule as last evaluated, firing ones first. */
class AlertRoutesTest {
  private static TestServer server;
  private static String token;

  @BeforeAll
  static void start() {
    server = new TestServer();
    token = server.adminToken();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void a_scheduled_job_with_no_recent_execution_fires_and_is_listed_first() {
    String later = server.clock.instant().plusSeconds(3_600).toString();
    var created =
        server.sendJson(
            "POST",
            "/jobs",
            "{\"provider\":\"mfn\",\"action\":\"validation\",\"run_at\":\"" + later + "\"}",
            token);
    assertThat(created.statusCode()).isEqualTo(201);
    server.server.orchestrator().alerts().evaluate();

    var response = server.get("/api/system/alerts", token);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = server.body(response);
    assertThat(body.path("success").asBoolean()).isTrue();
    JsonNode data = body.path("data");
    assertThat(data.path("total").asLong()).isEqualTo(8);
    List<String> names = new ArrayList<>();
    data.path("alerts").forEach(alert -> names.add(alert.path("name").asText()));
    assertThat(names)
        .containsExactlyInAnyOrder(
            "HighFailureRate",
            "NoRecentExecutions",
            "DatabaseUnhealthy",
            "JobFailureRate",
            "QueueSize",
            "WorkerUtilization",
            "NoWorkerOnline",
            "SchedulerNotRunning");
    long firing = data.path("firing").asLong();
    assertThat(firing).isPositive();
    for (int i = 0; i < names.size(); i++) {
      JsonNode alert = data.path("alerts").get(i);
      assertThat(alert.path("state").asText()).isEqualTo(i < firing ? "firing" : "resolved");
      assertThat(alert.path("severity").asText()).isIn("warning", "critical");
      assertThat(alert.path("since").asText()).endsWith("Z");
      assertThat(alert.path("evaluatedAt").asText()).endsWith("Z");
    }
    JsonNode quiet = alert(data, "NoRecentExecutions");
    assertThat(quiet.path("state").asText()).isEqualTo("firing");
    assertThat(quiet.path("severity").asText()).isEqualTo("critical");
    assertThat(quiet.path("message").asText())
        .isEqualTo("no execution in the last 5m while 1 jobs are scheduled");
    assertThat(alert(data, "DatabaseUnhealthy").path("state").asText()).isEqualTo("resolved");
  }

  @Test
  void the_alerts_need_a_token() {
    assertThat(server.get("/api/system/alerts", null).statusCode()).isEqualTo(401);
  }

  private static JsonNode alert(JsonNode data, String name) {
    for (JsonNode alert : data.path("alerts")) {
      if (alert.path("name").asText().equals(name)) {
        return alert;
      }
    }
    throw new AssertionError("no alert " + name);
  }
}
