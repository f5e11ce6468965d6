package org.rpa.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.TestServer;
import org.rpa.server.worker.WorkerService;

/**
 * Each degradation mode on the running server with real worker services on loopback, stopped and
 * started again as the modes need: a worker down is {@code degraded} and the other runs its work;
 * no executor at all is {@code offline}, and the jobs submitted then stay QUEUED until a worker
 * returns, none lost; remote workers down with an in-process executor left is {@code minimal}.
 */
class DegradationModesTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final Downstream downstream = new Downstream();
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    downstream.close();
  }

  @Test
  void a_worker_down_is_degraded_and_no_executor_is_offline_with_every_job_kept_queued()
      throws Exception {
    WorkerService first = downstream.worker(0, 2);
    int firstPort = first.port();
    WorkerService second = downstream.worker(0, 2);
    server =
        new TestServer(
            downstream.orchestrator(List.of(firstPort, second.port())), clock, null, b -> {});
    String token = server.adminToken();
    awaitMode("normal");

    first.close();
    JsonNode degraded = awaitMode("degraded");
    assertThat(texts(degraded.path("reasons")).get(0))
        .isEqualTo("1 of 2 remote workers online: the others take their work");
    assertThat(degraded.path("executors").path("remote_online").asInt()).isOne();
    assertThat(texts(degraded.path("available_features"))).contains("remote_execution");
    var health = server.get("/api/system/health/full", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(server.body(health).path("status").asText()).isEqualTo("degraded");
    assertThat(server.body(health).path("message").asText()).contains("executors degraded");

    List<Long> moved = submit(token, "echo", 10);
    for (long id : moved) {
      assertThat(awaitCompleted(token, id).path("executions").get(0).path("executor").asText())
          .as("job %d ran on the worker still up", id)
          .isEqualTo(second.workerId());
    }

    second.close();
    JsonNode offline = awaitMode("offline");
    assertThat(texts(offline.path("available_features")))
        .containsExactly("job_intake", "push_wakeups");
    var unhealthy = server.get("/api/system/health/full", null);
    assertThat(unhealthy.statusCode()).isEqualTo(503);
    assertThat(server.body(unhealthy).path("message").asText()).contains("executors unhealthy");

    List<Long> waiting = submit(token, "echo", 3);
    JsonNode pipeline = server.body(server.get("/api/system/pipeline", token));
    assertThat(pipeline.path("file_watcher").path("pending_tasks").asLong()).isEqualTo(3);
    assertThat(pipeline.path("degradation").path("fallback_queues").path("demo.echo").asLong())
        .isEqualTo(3);
    for (long id : waiting) {
      assertThat(job(token, id).path("status").asText()).isEqualTo("QUEUED");
    }

    // The probes that failed open the worker's breaker; once it is open, the clock moves past
    // WORKER_BREAKER_OPEN_SECONDS, so that the next probe goes through. (Advanced before the
    // breaker opened, the clock would leave it open for good.)
    awaitBreaker(token, "worker-1", "open");
    clock.advance(Duration.ofSeconds(6));
    WorkerService back = downstream.worker(firstPort, 2);
    for (long id : waiting) {
      assertThat(awaitCompleted(token, id).path("executions").get(0).path("executor").asText())
          .isEqualTo(back.workerId());
    }
    assertThat(server.jobCount()).as("none lost").isEqualTo(13);
    assertThat(server.server.orchestrator().jobs().countByStatus())
        .containsEntry(org.rpa.core.job.JobStatus.COMPLETED, 13L);
    awaitMode("degraded");
  }

  @Test
  void remote_workers_down_with_in_process_execution_left_is_minimal() throws Exception {
    WorkerService worker = downstream.worker(0, 2);
    int port = worker.port();
    Map<String, String> env = new HashMap<>(downstream.orchestrator(List.of(port)));
    env.put("MAX_WORKERS", "1");
    env.put("CHROMIUM_PATH", "/nonexistent/chromium");
    env.put("CHROMEDRIVER_PATH", "/nonexistent/chromedriver");
    server =
        new TestServer(
            env,
            clock,
            null,
            builder ->
                builder.handler(
                    "demo", "echo", ctx -> JobResult.success(Map.of("ran", "in-process"))));
    String token = server.adminToken();
    JsonNode degraded = awaitMode("degraded");
    assertThat(texts(degraded.path("reasons")))
        .as("the browser alone: this process runs flows and has no Chromium")
        .containsExactly("browser unhealthy: /nonexistent/chromium is not an executable file");
    assertThat(degraded.path("executors").path("in_process").asInt()).isOne();

    worker.close();
    JsonNode minimal = awaitMode("minimal");
    assertThat(texts(minimal.path("reasons")).get(0))
        .isEqualTo("No remote worker online (0 of 1): only in-process execution");
    assertThat(texts(minimal.path("available_features")))
        .contains("in_process_execution")
        .doesNotContain("remote_execution", "browser_automation");
    var health = server.get("/api/system/health/full", null);
    assertThat(health.statusCode()).as("minimal is not unhealthy").isEqualTo(200);
    assertThat(server.body(health).path("status").asText()).isEqualTo("degraded");

    List<Long> local = submit(token, "echo", 4);
    List<Long> remoteOnly = submit(token, "sleep", 2);
    String orchestrator = server.server.orchestrator().executorId();
    for (long id : local) {
      assertThat(awaitCompleted(token, id).path("executions").get(0).path("executor").asText())
          .isEqualTo(orchestrator);
    }
    JsonNode pipeline = server.body(server.get("/api/system/pipeline", token));
    assertThat(pipeline.path("degradation").path("fallback_queues").path("demo.sleep").asLong())
        .as("a type only remote workers run waits")
        .isEqualTo(2);
    for (long id : remoteOnly) {
      assertThat(job(token, id).path("status").asText()).isEqualTo("QUEUED");
    }

    awaitBreaker(token, "worker-1", "open");
    clock.advance(Duration.ofSeconds(6));
    WorkerService back = downstream.worker(port, 2);
    for (long id : remoteOnly) {
      assertThat(awaitCompleted(token, id).path("executions").get(0).path("executor").asText())
          .isEqualTo(back.workerId());
    }
    awaitMode("degraded");
  }

  private void awaitBreaker(String token, String name, String state) {
    Downstream.awaitBody(
        "breaker " + name + " " + state,
        () -> server.body(server.get("/api/system/circuit-breakers", token)),
        body -> {
          for (JsonNode breaker : body.path("circuit_breakers")) {
            if (breaker.path("name").asText().equals(name)) {
              return breaker.path("state").asText().equals(state);
            }
          }
          return false;
        });
  }

  private JsonNode awaitMode(String mode) {
    String token = server.adminToken();
    return Downstream.awaitBody(
            "mode " + mode,
            () -> server.body(server.get("/api/system/pipeline", token)),
            body -> body.path("degradation").path("mode").asText().equals(mode))
        .path("degradation");
  }

  private List<Long> submit(String token, String action, int count) {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      jobs.add("{\"provider\":\"demo\",\"action\":\"" + action + "\",\"parameters\":{\"ms\":10}}");
    }
    var created =
        server.sendJson("POST", "/jobs", "{\"jobs\":[" + String.join(",", jobs) + "]}", token);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    List<Long> ids = new ArrayList<>();
    server.body(created).path("jobs").forEach(job -> ids.add(job.path("id").asLong()));
    assertThat(ids).hasSize(count);
    return ids;
  }

  private JsonNode job(String token, long id) {
    return server.body(server.get("/jobs/" + id, token));
  }

  private JsonNode awaitCompleted(String token, long id) {
    try {
      return Downstream.awaitBody(
          "job " + id + " COMPLETED",
          () -> job(token, id),
          job -> job.path("status").asText().equals("COMPLETED"));
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "\nbreakers: "
              + server.body(server.get("/api/system/circuit-breakers", token))
              + "\npipeline: "
              + server.body(server.get("/api/system/pipeline", token)),
          e);
    }
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
