package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rpa.server.TestServer;

/** Every endpoint's success path, against a real server. */
class EndpointsTest {
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

  private static JsonNode ok(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return server.body(response);
  }

  private static HttpResponse<String> post(String path) {
    return server.send(
        server
            .request(path)
            .POST(HttpRequest.BodyPublishers.noBody())
            .header("Authorization", "Bearer " + token));
  }

  @Test
  void root_names_the_service_and_links_the_docs() {
    JsonNode body = ok(server.get("/", null), 200);

    assertThat(body.path("service").asText()).isEqualTo("rpa-orchestrator");
    assertThat(body.path("docs").asText()).isEqualTo("/docs");
    assertThat(body.path("dashboard").asText()).isEqualTo("/dashboard");
  }

  @Test
  void health_is_healthy_with_a_millisecond_timestamp() {
    JsonNode body = ok(server.get("/health", null), 200);

    assertThat(body.path("status").asText()).isEqualTo("healthy");
    assertThat(body.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
  }

  @Test
  void liveness_and_readiness_answer_200_while_the_store_is_up() {
    assertThat(ok(server.get("/health/live", null), 200).path("status").asText())
        .isEqualTo("alive");
    JsonNode ready = ok(server.get("/health/ready", null), 200);
    assertThat(ready.path("status").asText()).isEqualTo("ready");
    assertThat(ready.path("components").isArray()).isTrue();
  }

  @Test
  void status_reports_components_workers_scheduler_and_java_version() {
    JsonNode body = ok(server.get("/status", null), 200);

    assertThat(body.path("status").asText()).isIn("healthy", "degraded");
    assertThat(body.path("java_version").asText()).isEqualTo(System.getProperty("java.version"));
    assertThat(body.path("workers").isArray()).isTrue();
    assertThat(body.path("scheduler").path("job_count").asInt()).isPositive();
  }

  @Test
  void metrics_json_has_history_averages_and_current() {
    JsonNode body = ok(server.get("/metrics", null), 200);

    assertThat(body.path("metrics").isArray()).isTrue();
    assertThat(body.path("averages").has("queued_jobs")).isTrue();
    JsonNode current = body.path("current");
    assertThat(current.path("status").asText()).isIn("online", "degraded");
    assertThat(current.path("uptime").asText()).matches("(\\d+ days?, )?\\d+:\\d\\d:\\d\\d");
    assertThat(current.has("workers")).isTrue();
    assertThat(current.path("version").asText()).isNotEmpty();
  }

  @Test
  void metrics_answer_prometheus_text_when_accept_asks_for_it() {
    HttpResponse<String> response =
        server.send(server.request("/metrics").header("Accept", "text/plain"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(response.body())
        .contains("# TYPE rpa_jobs gauge")
        .contains("rpa_jobs{status=\"queued\"}");
    assertThat(server.get("/metrics/prometheus", null).body()).contains("rpa_uptime_seconds");
  }

  @Test
  void scheduler_lists_the_five_background_tasks() {
    JsonNode body = ok(server.get("/scheduler", null), 200);

    assertThat(body.path("job_count").asInt()).isEqualTo(body.path("jobs").size());
    assertThat(body.path("jobs").findValuesAsText("id"))
        .contains("poll_job_queue", "collect_metrics", "recover_stale_jobs");
    assertThat(body.path("jobs").get(0).has("next_run")).isTrue();
  }

  @Test
  void scheduler_reset_process_and_recover_answer_as_seed_000() {
    JsonNode reset = ok(post("/scheduler/reset"), 200);
    assertThat(reset.path("status").asText()).isEqualTo("success");
    assertThat(reset.path("message").asText())
        .isEqualTo("Scheduler reset and reconfigured successfully");
    assertThat(reset.path("job_count").asInt()).isPositive();

    assertThat(ok(post("/process"), 200).path("status").asText())
        .isEqualTo("Job processing initiated");

    JsonNode recover = ok(post("/recover"), 200);
    assertThat(recover.path("status").asText()).isEqualTo("success");
    assertThat(recover.path("recovered_jobs").asInt()).isZero();
  }

  @Test
  void a_job_is_created_read_listed_updated_and_cancelled() {
    JsonNode created =
        ok(
            server.sendJson(
                "POST",
                "/jobs",
                "{\"provider\":\"mfn\",\"action\":\"validation\",\"parameters\":{\"circuit_number\":\"ABC123\"},"
                    + "\"priority\":5,\"run_at\":\"2026-02-01T00:00:00Z\"}",
                token),
            201);
    long id = created.path("id").asLong();
    assertThat(created.path("status").asText()).isEqualTo("SCHEDULED");
    assertThat(created.path("workflow_id").asText()).isEqualTo("mfn.validation");
    assertThat(created.path("parameters").path("circuit_number").asText()).isEqualTo("ABC123");

    JsonNode read = ok(server.get("/jobs/" + id, token), 200);
    assertThat(read.path("priority").asInt()).isEqualTo(5);
    assertThat(read.path("executions").isArray()).isTrue();

    JsonNode list = ok(server.get("/jobs?provider=mfn&status=pending&limit=10", token), 200);
    assertThat(list.path("jobs").findValuesAsText("id")).contains(String.valueOf(id));

    JsonNode patched = ok(server.sendJson("PATCH", "/jobs/" + id, "{\"priority\":9}", token), 200);
    assertThat(patched.path("priority").asInt()).isEqualTo(9);

    HttpResponse<String> delete =
        server.send(
            server.request("/jobs/" + id).DELETE().header("Authorization", "Bearer " + token));
    assertThat(ok(delete, 200).path("status").asText()).isEqualTo("CANCELLED");

    HttpResponse<String> again =
        server.send(
            server.request("/jobs/" + id).DELETE().header("Authorization", "Bearer " + token));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(server.body(again).path("error_type").asText()).isEqualTo("ConflictError");
  }

  @Test
  void the_job_list_filters_by_kind_and_refuses_an_unknown_one() {
    long recurring =
        server
            .server
            .orchestrator()
            .jobs()
            .submit(
                org.rpa.core.job.JobRequest.of("evotel", "validation")
                    .every(java.time.Duration.ofHours(6)))
            .value();
    JsonNode once =
        ok(
            server.sendJson(
                "POST", "/jobs", "{\"provider\":\"evotel\",\"action\":\"validation\"}", token),
            201);

    JsonNode listed = ok(server.get("/jobs?kind=recurring&provider=evotel", token), 200);
    assertThat(listed.path("jobs").findValuesAsText("id"))
        .containsExactly(String.valueOf(recurring));
    assertThat(listed.path("jobs").get(0).path("kind").asText()).isEqualTo("RECURRING");
    JsonNode single = ok(server.get("/jobs?kind=ONE_TIME&provider=evotel", token), 200);
    assertThat(single.path("jobs").findValuesAsText("id"))
        .contains(once.path("id").asText())
        .doesNotContain(String.valueOf(recurring));
    HttpResponse<String> bad = server.get("/jobs?kind=sometimes", token);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(server.body(bad).path("detail").asText()).contains("kind");
  }

  @Test
  void the_idempotency_key_header_returns_the_same_job() {
    String body = "{\"provider\":\"osn\",\"action\":\"cancellation\"}";
    var first =
        server.send(
            server
                .request("/jobs")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "order-42")
                .header("Authorization", "Bearer " + token));
    var second =
        server.send(
            server
                .request("/jobs")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "order-42")
                .header("Authorization", "Bearer " + token));

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(server.body(second).path("id")).isEqualTo(server.body(first).path("id"));
  }

  @Test
  void a_batch_is_created_in_one_call() {
    JsonNode body =
        ok(
            server.sendJson(
                "POST",
                "/jobs",
                "{\"jobs\":[{\"provider\":\"octotel\",\"action\":\"validation\"},"
                    + "{\"provider\":\"evotel\",\"action\":\"cancellation\"}]}",
                token),
            201);

    assertThat(body.path("jobs").size()).isEqualTo(2);
    assertThat(body.path("created").asInt()).isEqualTo(2);
  }

  @Test
  void a_job_patched_to_cancelled_is_cancelled_and_to_running_is_409() {
    long id =
        server
            .body(
                server.sendJson(
                    "POST", "/jobs", "{\"provider\":\"mfn\",\"action\":\"cancellation\"}", token))
            .path("id")
            .asLong();

    HttpResponse<String> running =
        server.sendJson("PATCH", "/jobs/" + id, "{\"status\":\"RUNNING\"}", token);
    assertThat(running.statusCode()).isEqualTo(409);

    JsonNode cancelled =
        ok(server.sendJson("PATCH", "/jobs/" + id, "{\"status\":\"cancelled\"}", token), 200);
    assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void a_privacy_request_gets_a_reference_and_the_notice_names_the_contact() {
    JsonNode body =
        ok(
            server.sendJson(
                "POST",
                "/privacy/data-request",
                "{\"request_type\":\"deletion\",\"email\":\"someone@example.com\"}",
                null),
            202);
    assertThat(body.path("reference").asText()).matches("DSR-20260101-[0-9a-f]{8}");

    JsonNode notice = ok(server.get("/privacy/notice", null), 200);
    assertThat(notice.path("contact").asText()).isEqualTo("dataprotection@example.com");
    assertThat(notice.path("screenshot_retention_days").asInt()).isEqualTo(30);
  }

  @Test
  void docs_and_redoc_serve_html_that_loads_their_webjars() {
    HttpResponse<String> docs = server.get("/docs", null);
    assertThat(docs.statusCode()).isEqualTo(200);
    assertThat(docs.body()).contains("<meta charset=\"utf-8\">").contains("swagger-ui-bundle.js");
    assertThat(server.get("/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js", null).statusCode())
        .isEqualTo(200);
    assertThat(server.get("/redoc", null).body()).contains("redoc.standalone.js");
    assertThat(server.get("/webjars/redoc/2.5.1/redoc.standalone.js", null).statusCode())
        .isEqualTo(200);
  }

  @Test
  void a_timestamp_is_the_injected_clock() {
    assertThat(Instant.parse(server.body(server.get("/health", null)).path("timestamp").asText()))
        .isEqualTo(server.clock.instant());
  }
}
