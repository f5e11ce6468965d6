package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rpa.server.http.FullHealthRoutesTest.fieldNames;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;
import org.rpa.server.worker.WorkerService;

/**
 * {@code GET /api/system/pipeline} on the running server: the token it needs, the documented shape
 * and types, and the claim batches of a real worker service in flight, aged on the clock.
 */
class PipelineRoutesTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private final MutableClock clock = MutableClock.at(START);
  private final Downstream downstream = new Downstream();
  private final List<TestServer> servers = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    servers.forEach(TestServer::close);
    downstream.close();
  }

  @Test
  void the_pipeline_needs_a_token_and_any_role_reads_it() {
    TestServer server = server(new TestServer());

    var anonymous = server.get("/api/system/pipeline", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(server.body(anonymous).path("detail").asText()).isNotBlank();
    assertThat(server.get("/api/system/pipeline", "not-a-token").statusCode()).isEqualTo(401);
    for (String user : List.of("viewer", "operator")) {
      assertThat(
              server
                  .get("/api/system/pipeline", server.token(user, TestServer.PASSWORD))
                  .statusCode())
          .as(user)
          .isEqualTo(200);
    }
    assertThat(server.get("/api/system/pipeline?x=1", server.adminToken()).statusCode())
        .as("an unknown query parameter")
        .isEqualTo(400);
  }

  @Test
  void a_queue_only_server_is_offline_in_the_documented_shape_and_keeps_its_jobs_queued() {
    TestServer server = server(new TestServer());
    String token = server.adminToken();
    var created =
        server.sendJson(
            "POST",
            "/jobs",
            "{\"jobs\":[{\"provider\":\"mfn\",\"action\":\"validation\"},"
                + "{\"provider\":\"mfn\",\"action\":\"validation\"},"
                + "{\"provider\":\"osn\",\"action\":\"cancellation\"}]}",
            token);
    assertThat(created.statusCode()).isEqualTo(201);

    JsonNode body = server.body(server.get("/api/system/pipeline", token));
    assertThat(fieldNames(body))
        .containsExactly("file_watcher", "batch_aggregator", "degradation", "timestamp");
    JsonNode intake = body.path("file_watcher");
    assertThat(fieldNames(intake))
        .containsExactly(
            "running",
            "pending_tasks",
            "observer_type",
            "wake_channel",
            "wake_state",
            "poll_interval_seconds");
    assertThat(intake.path("running").asBoolean()).isTrue();
    assertThat(intake.path("pending_tasks").isIntegralNumber()).isTrue();
    assertThat(intake.path("pending_tasks").asLong()).isEqualTo(3);
    assertThat(intake.path("observer_type").asText()).isEqualTo("native");
    assertThat(intake.path("wake_channel").asText()).isEqualTo("in_process");
    assertThat(intake.path("wake_state").asText()).isEqualTo("signal");
    assertThat(intake.path("poll_interval_seconds").asDouble()).isEqualTo(1.0);

    JsonNode batches = body.path("batch_aggregator");
    assertThat(fieldNames(batches))
        .containsExactly(
            "active_batches",
            "batches",
            "batch_window_seconds",
            "idle_timeout_seconds",
            "max_batch_size");
    assertThat(batches.path("active_batches").asInt()).isZero();
    assertThat(batches.path("batches").isArray()).isTrue();
    assertThat(batches.path("batch_window_seconds").asLong()).isEqualTo(900);
    assertThat(batches.path("idle_timeout_seconds").asLong()).isEqualTo(60);
    assertThat(batches.path("max_batch_size").asInt()).isEqualTo(128);

    JsonNode degradation = body.path("degradation");
    assertThat(fieldNames(degradation))
        .containsExactly(
            "mode",
            "is_degraded",
            "redis_healthy",
            "memory_queue_size",
            "fallback_queues",
            "services",
            "available_features",
            "reasons",
            "executors");
    assertThat(degradation.path("mode").asText()).isEqualTo("offline");
    assertThat(degradation.path("is_degraded").asBoolean()).isTrue();
    assertThat(degradation.path("redis_healthy").asBoolean()).isTrue();
    assertThat(degradation.path("memory_queue_size").asInt()).isZero();
    assertThat(degradation.path("fallback_queues").path("mfn.validation").asLong()).isEqualTo(2);
    assertThat(degradation.path("fallback_queues").path("osn.cancellation").asLong()).isEqualTo(1);
    assertThat(degradation.path("services")).isEmpty();
    assertThat(texts(degradation.path("available_features")))
        .containsExactly("job_intake", "push_wakeups");
    assertThat(texts(degradation.path("reasons")))
        .containsExactly("No executor can run jobs: they stay QUEUED until one returns");
    assertThat(degradation.path("executors").path("in_process").asInt()).isZero();
    assertThat(degradation.path("executors").path("remote_configured").asInt()).isZero();
    assertThat(body.path("timestamp").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
  }

  @Test
  void a_worker_services_claim_is_one_batch_in_flight_aged_by_the_clock() {
    WorkerService worker = downstream.worker(0, 2);
    TestServer server =
        server(
            new TestServer(downstream.orchestrator(List.of(worker.port())), clock, null, b -> {}));
    String token = server.adminToken();
    Downstream.awaitBody(
        "the worker online",
        () -> server.body(server.get("/api/system/pipeline", token)),
        body -> body.path("degradation").path("mode").asText().equals("normal"));

    var created =
        server.sendJson(
            "POST",
            "/jobs",
            "{\"jobs\":["
                + "{\"provider\":\"demo\",\"action\":\"sleep\",\"parameters\":{\"ms\":60000}},"
                + "{\"provider\":\"demo\",\"action\":\"sleep\",\"parameters\":{\"ms\":60000}},"
                + "{\"provider\":\"demo\",\"action\":\"sleep\",\"parameters\":{\"ms\":60000}}]}",
            token);
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode inFlight =
        Downstream.awaitBody(
            "two jobs running on the worker",
            () -> server.body(server.get("/api/system/pipeline", token)),
            body -> {
              JsonNode batches = body.path("batch_aggregator").path("batches");
              int running = 0;
              for (JsonNode batch : batches) {
                running += batch.path("running").asInt();
              }
              return running == 2;
            });
    JsonNode aggregator = inFlight.path("batch_aggregator");
    assertThat(aggregator.path("active_batches").asInt()).isOne();
    JsonNode batch = aggregator.path("batches").get(0);
    assertThat(fieldNames(batch))
        .containsExactly(
            "batch_id",
            "executor_id",
            "size",
            "running",
            "started_at",
            "age_seconds",
            "last_activity_seconds");
    assertThat(batch.path("batch_id").asText()).matches("[0-9a-f-]{36}");
    assertThat(batch.path("executor_id").asText()).isEqualTo(worker.workerId());
    assertThat(batch.path("size").asInt()).isEqualTo(2);
    assertThat(batch.path("started_at").isDouble()).isTrue();
    assertThat(batch.path("started_at").asDouble()).isEqualTo(START.getEpochSecond());
    assertThat(batch.path("age_seconds").asDouble()).isZero();
    assertThat(inFlight.path("file_watcher").path("pending_tasks").asLong())
        .as("the third waits for a free place on the worker")
        .isOne();
    assertThat(inFlight.path("degradation").path("fallback_queues").isEmpty()).isTrue();

    clock.advance(Duration.ofMillis(45_200));
    JsonNode later = server.body(server.get("/api/system/pipeline", token));
    JsonNode aged = later.path("batch_aggregator").path("batches").get(0);
    assertThat(aged.path("batch_id").asText()).isEqualTo(batch.path("batch_id").asText());
    assertThat(aged.path("age_seconds").asDouble()).isEqualTo(45.2);
    assertThat(aged.path("last_activity_seconds").asDouble()).isEqualTo(45.2);
    assertThat(aged.path("started_at").asDouble()).isEqualTo(START.getEpochSecond());
  }

  private TestServer server(TestServer server) {
    servers.add(server);
    return server;
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
