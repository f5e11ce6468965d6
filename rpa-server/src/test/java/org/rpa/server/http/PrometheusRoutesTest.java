package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;
import org.rpa.server.monitoring.CannedPrometheus;

/**
 * {@code GET /api/system/monitoring/health} and {@code …/targets} on a real server reading a
 * loopback Prometheus that answers with captured responses: the fields and their spelling, 200 and
 * 503, the error body, and the {@code prometheus} breaker in the breakers' list.
 */
class PrometheusRoutesTest {
  private final CannedPrometheus prometheus = new CannedPrometheus();
  private TestServer server;

  @AfterEach
  void stop() {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      prometheus.close();
    }
  }

  private TestServer start(Map<String, String> env) {
    server = new TestServer(env);
    return server;
  }

  @Test
  void health_answers_the_stack_in_the_documented_shape() {
    start(Map.of("PROMETHEUS_URL", prometheus.url()));
    String viewer = server.token("viewer", TestServer.PASSWORD);

    HttpResponse<String> response = server.get("/api/system/monitoring/health", viewer);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = server.body(response);
    assertThat(fields(body))
        .containsExactly(
            "healthy",
            "prometheus_reachable",
            "prometheus_url",
            "targets_summary",
            "exporters",
            "metrics_collection",
            "issues",
            "timestamp");
    assertThat(body.path("healthy").asBoolean()).isTrue();
    assertThat(body.path("prometheus_reachable").asBoolean()).isTrue();
    assertThat(body.path("prometheus_url").asText()).isEqualTo(prometheus.url());
    assertThat(body.path("targets_summary").toString())
        .isEqualTo(
            "[{\"job\":\"blackbox-exporter\",\"total\":1,\"up\":0,\"down\":0,\"unknown\":1},"
                + "{\"job\":\"prometheus\",\"total\":1,\"up\":1,\"down\":0,\"unknown\":0},"
                + "{\"job\":\"rpa-orchestrator\",\"total\":1,\"up\":1,\"down\":0,\"unknown\":0},"
                + "{\"job\":\"rpa-worker\",\"total\":1,\"up\":0,\"down\":1,\"unknown\":0}]");
    JsonNode orchestrator = body.path("exporters").path(3);
    assertThat(orchestrator.toString())
        .isEqualTo(
            "{\"name\":\"rpa-orchestrator\",\"status\":\"up\",\"endpoint\":\"localhost:19090\","
                + "\"last_scrape\":\"2026-12-03T12:42:45.180Z\",\"error\":null}");
    assertThat(body.path("exporters").path(0).toString())
        .isEqualTo(
            "{\"name\":\"redis-exporter\",\"status\":\"unknown\","
                + "\"endpoint\":\"redis-exporter:9121\",\"last_scrape\":null,"
                + "\"error\":\"not scraped by Prometheus\"}");
    assertThat(body.path("metrics_collection").toString())
        .isEqualTo(
            "{\"collecting\":true,\"last_successful_scrape\":\"2026-12-03T12:42:45.509Z\","
                + "\"scrape_interval_seconds\":1.0,\"total_series\":943}");
    assertThat(body.path("issues")).hasSize(1);
    assertThat(body.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
  }

  @Test
  void targets_lists_every_target_with_its_labels_and_the_counts() {
    start(Map.of("PROMETHEUS_URL", prometheus.url()));

    HttpResponse<String> response =
        server.get("/api/system/monitoring/targets", server.adminToken());

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = server.body(response);
    assertThat(fields(body)).containsExactly("targets", "total", "up", "down", "jobs", "timestamp");
    assertThat(body.path("total").asInt()).isEqualTo(4);
    assertThat(body.path("up").asInt()).isEqualTo(2);
    assertThat(body.path("down").asInt()).isEqualTo(1);
    assertThat(body.path("jobs").toString())
        .isEqualTo("[\"blackbox-exporter\",\"prometheus\",\"rpa-orchestrator\",\"rpa-worker\"]");
    JsonNode worker = body.path("targets").path(3);
    assertThat(fields(worker))
        .containsExactly(
            "job",
            "instance",
            "health",
            "labels",
            "last_scrape",
            "last_error",
            "scrape_duration_seconds");
    assertThat(worker.path("health").asText()).isEqualTo("down");
    assertThat(worker.path("labels").toString())
        .isEqualTo("{\"instance\":\"127.0.0.1:19999\",\"job\":\"rpa-worker\"}");
    assertThat(worker.path("last_error").asText()).endsWith("connect: connection refused");
    assertThat(worker.path("scrape_duration_seconds").asDouble()).isEqualTo(0.000419767);
    assertThat(body.path("targets").path(0).path("last_scrape").isNull()).isTrue();
  }

  @Test
  void most_targets_down_answers_503_with_the_body() {
    prometheus.answer(CannedPrometheus.TARGETS, 200, "targets-majority-down.json");
    start(Map.of("PROMETHEUS_URL", prometheus.url()));

    HttpResponse<String> response =
        server.get("/api/system/monitoring/health", server.adminToken());

    assertThat(response.statusCode()).isEqualTo(503);
    JsonNode body = server.body(response);
    assertThat(body.path("healthy").asBoolean()).isFalse();
    assertThat(body.path("prometheus_reachable").asBoolean()).isTrue();
    assertThat(body.path("issues").toString()).contains("2 of 3 scraped targets are down");
    assertThat(server.get("/api/system/monitoring/targets", server.adminToken()).statusCode())
        .as("the targets themselves are readable")
        .isEqualTo(200);
  }

  @Test
  void an_unreachable_prometheus_answers_503_and_shows_in_the_breakers() {
    start(Map.of("PROMETHEUS_URL", prometheus.url(), "PROMETHEUS_TIMEOUT", "1"));
    String token = server.adminToken();
    prometheus.close();

    HttpResponse<String> health = server.get("/api/system/monitoring/health", token);
    HttpResponse<String> targets = server.get("/api/system/monitoring/targets", token);

    assertThat(health.statusCode()).isEqualTo(503);
    JsonNode body = server.body(health);
    assertThat(body.path("healthy").asBoolean()).isFalse();
    assertThat(body.path("prometheus_reachable").asBoolean()).isFalse();
    assertThat(body.path("targets_summary")).isEmpty();
    assertThat(body.path("metrics_collection").toString())
        .isEqualTo(
            "{\"collecting\":false,\"last_successful_scrape\":null,"
                + "\"scrape_interval_seconds\":null,\"total_series\":null}");
    String why = "Prometheus at " + prometheus.url() + " is unreachable: connection refused";
    assertThat(body.path("issues").toString()).isEqualTo("[\"" + why + "\"]");
    assertThat(targets.statusCode()).isEqualTo(503);
    assertThat(server.body(targets).path("detail").asText()).isEqualTo(why);
    assertThat(server.body(targets).path("error_type").asText())
        .isEqualTo("ServiceUnavailableError");
    JsonNode breaker = breaker(token);
    assertThat(breaker.path("display_name").asText()).isEqualTo("Prometheus");
    assertThat(breaker.path("critical").asBoolean()).isFalse();
    assertThat(breaker.path("url").asText()).isEqualTo(prometheus.url());
    assertThat(breaker.path("calls").path("failed").asInt()).isEqualTo(2);
  }

  @Test
  void without_prometheus_url_both_answer_503_and_no_breaker_is_registered() {
    start(Map.of());
    String token = server.adminToken();

    HttpResponse<String> health = server.get("/api/system/monitoring/health", token);
    HttpResponse<String> targets = server.get("/api/system/monitoring/targets", token);

    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(server.body(health).path("prometheus_url").isNull()).isTrue();
    assertThat(server.body(health).path("issues").toString())
        .isEqualTo("[\"PROMETHEUS_URL is not set\"]");
    assertThat(targets.statusCode()).isEqualTo(503);
    assertThat(server.body(targets).path("detail").asText()).isEqualTo("PROMETHEUS_URL is not set");
    assertThat(breaker(token).isMissingNode()).isTrue();
  }

  @Test
  void the_full_health_probes_prometheus_as_a_downstream_service() {
    start(Map.of("PROMETHEUS_URL", prometheus.url()));

    JsonNode service = null;
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (System.nanoTime() < deadline) {
      for (JsonNode candidate :
          server.body(server.get("/api/system/health/full", null)).path("ai_services")) {
        if (candidate.path("name").asText().equals("prometheus")
            && !candidate.path("status").asText().equals("unknown")) {
          service = candidate;
        }
      }
      if (service != null) {
        break;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
    }

    assertThat(service).as("prometheus probed within 20 s").isNotNull();
    assertThat(service.path("display_name").asText()).isEqualTo("Prometheus");
    assertThat(service.path("status").asText()).isEqualTo("healthy");
    assertThat(service.path("url").asText()).isEqualTo(prometheus.url());
    assertThat(service.path("circuit_state").asText()).isEqualTo("closed");
    assertThat(prometheus.seen()).anyMatch(seen -> seen.pathAndQuery().equals("/-/healthy"));
  }

  @Test
  void a_query_parameter_the_routes_do_not_take_is_400_and_reaches_no_prometheus() {
    start(Map.of("PROMETHEUS_URL", prometheus.url()));

    HttpResponse<String> response =
        server.get("/api/system/monitoring/targets?job=rpa-worker", server.adminToken());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(server.body(response).path("detail").asText())
        .isEqualTo("Unknown query parameter 'job'");
    // The full health's scheduled probe (GET /-/healthy) may reach it; the routes' API calls not.
    assertThat(prometheus.seen()).noneMatch(seen -> seen.pathAndQuery().startsWith("/api/"));
  }

  private JsonNode breaker(String token) {
    JsonNode list =
        server.body(server.get("/api/system/circuit-breakers", token)).path("circuit_breakers");
    for (JsonNode item : list) {
      if (item.path("name").asText().equals("prometheus")) {
        return item;
      }
    }
    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
  }

  private static List<String> fields(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
