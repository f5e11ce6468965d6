package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobResult;
import org.rpa.core.testing.MutableClock;
import org.rpa.server.Cluster;
import org.rpa.server.WorkerConfig;
import org.rpa.server.http.JobIdSpellingTest;
import org.slf4j.MDC;

/**
 * The worker service in this JVM: idempotent {@code /execute}, 429 at capacity, status, cleanup,
 * and the orchestrator's error body and input rules on every refusal.
 */
class WorkerServiceTest {
  private static final String TOKEN = "worker-service-test-token";
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final HttpClient client = HttpClient.newHttpClient();
  private WorkerService worker;

  @AfterEach
  void stop() {
    worker.close();
  }

  @Test
  void execute_is_idempotent_per_attempt_and_answers_429_at_capacity() throws Exception {
    worker = start();

    assertThat(execute(1, "sleep", "{\"ms\": 600000}", 1).statusCode()).isEqualTo(202);
    assertThat(execute(1, "sleep", "{\"ms\": 600000}", 1).statusCode())
        .as("the same attempt again")
        .isEqualTo(202);
    HttpResponse<String> full = execute(2, "echo", "{}", 1);

    assertThat(full.statusCode()).isEqualTo(429);
    assertThat(json(full).path("error_type").asText()).isEqualTo("CapacityError");
    JsonNode status = json(get("/status"));
    assertThat(status.path("job_stats").path("total").asLong()).isEqualTo(1);
    assertThat(status.path("capacity").path("max_concurrent").asInt()).isEqualTo(1);
    assertThat(status.path("capacity").path("current_load").asInt()).isEqualTo(1);
    assertThat(status.path("java_version").asText()).isNotEmpty();
    assertThat(status.path("actions").path("demo").toString()).contains("echo", "sleep");
    assertThat(status.path("selenium_available").asBoolean()).isFalse();
  }

  @Test
  void metrics_count_the_accepted_attempts_and_show_capacity_and_uptime() throws Exception {
    worker = start();
    HttpResponse<String> anonymous =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + worker.port() + "/metrics/prometheus"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertError(anonymous, 401, "AuthenticationError");
    assertThat(execute(7, "echo", "{\"x\": 1}", 1).statusCode()).isEqualTo(202);
    awaitFinished(7);
    clock.advance(Duration.ofSeconds(90));

    HttpResponse<String> metrics = get("/metrics/prometheus");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    assertThat(metrics.body().lines())
        .contains(
            "rpa_worker_jobs_accepted_total 1",
            "rpa_worker_jobs_succeeded_total 1",
            "rpa_worker_jobs_failed_total 0",
            "rpa_worker_jobs_active 0",
            "rpa_worker_capacity 1",
            "rpa_worker_uptime_seconds 90",
            "# TYPE rpa_worker_jobs_accepted_total counter",
            "# TYPE rpa_worker_capacity gauge")
        .anyMatch(
            line ->
                line.startsWith("rpa_worker_info{worker_id=\"" + worker.workerId() + "\",version=")
                    && line.endsWith("} 1"));
  }

  @Test
  void a_finished_attempt_is_reported_then_forgotten_after_an_hour() throws Exception {
    worker = start();
    assertThat(execute(7, "echo", "{\"x\": 1}", 1).statusCode()).isEqualTo(202);
    JsonNode done = awaitFinished(7);

    assertThat(done.path("status").asText()).isEqualTo("completed");
    assertThat(done.path("result").path("x").asInt()).isEqualTo(1);
    assertThat(done.path("callback").path("idempotency_key").asText()).isEqualTo("7:0:1");
    assertThat(json(get("/status/8")).path("status").asText()).isEqualTo("not_found");

    clock.advance(Duration.ofMinutes(59));
    assertThat(worker.jobs().forgetFinishedBefore(clock.instant().minus(Duration.ofHours(1))))
        .isZero();
    clock.advance(Duration.ofMinutes(2));
    assertThat(worker.jobs().forgetFinishedBefore(clock.instant().minus(Duration.ofHours(1))))
        .isEqualTo(1);
    assertThat(json(get("/status/7")).path("status").asText()).isEqualTo("not_found");
  }

  @Test
  void a_handler_sees_the_orchestrators_job_id_attempt_and_idempotency_key() throws Exception {
    worker = start();
    assertThat(execute(4711, "whoami", "{}", 2).statusCode()).isEqualTo(202);

    JsonNode result = awaitFinished(4711).path("result");

    assertThat(result.path("job_id").asLong()).isEqualTo(4711);
    assertThat(result.path("attempt").asInt()).isEqualTo(2);
    assertThat(result.path("idempotency_key").asText()).isEqualTo("4711:2");
  }

  @Test
  void a_handlers_mdc_holds_the_orchestrators_job_id_and_attempt_not_the_local_copys()
      throws Exception {
    Map<String, JobHandler> handlers = new java.util.LinkedHashMap<>(DemoHandlers.all());
    handlers.put(
        "demo.mdc",
        ctx ->
            JobResult.success(
                Map.of(
                    "job_id", String.valueOf(MDC.get(JobHandler.MDC_JOB_ID)),
                    "attempt", String.valueOf(MDC.get(JobHandler.MDC_ATTEMPT)))));
    worker = start(handlers);
    assertThat(execute(4712, "mdc", "{}", 3).statusCode()).isEqualTo(202);

    JsonNode result = awaitFinished(4712).path("result");

    assertThat(result.path("job_id").asText()).isEqualTo("4712");
    assertThat(result.path("attempt").asText()).isEqualTo("3");
  }

  static Stream<String> spellings() {
    return JobIdSpellingTest.SPELLINGS.stream();
  }

  @ParameterizedTest
  @MethodSource("spellings")
  void status_of_an_id_not_in_its_one_spelling_is_a_400(String id) throws Exception {
    worker = start();
    assertThat(execute(1, "sleep", "{\"ms\": 600000}", 1).statusCode()).isEqualTo(202);

    HttpResponse<String> response = get("/status/" + id);

    assertError(response, 400, "ValidationError");
    assertThat(json(get("/status/1")).path("status").asText()).isEqualTo("running");
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"})
  void a_get_asking_to_be_a_post_to_execute_is_a_400_and_runs_nothing(String header)
      throws Exception {
    worker = start();

    HttpResponse<String> response =
        client.send(
            request("/execute")
                .header("Content-Type", "application/json")
                .header(header, "POST")
                .method("GET", HttpRequest.BodyPublishers.ofString(job(5, "echo", "{}", 1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, 400, "ValidationError");
    assertThat(json(get("/status")).path("job_stats").path("total").asLong()).isZero();
  }

  static Stream<Arguments> badRequests() {
    String job = job(9, "echo", "{}", 1);
    return Stream.of(
        Arguments.of("POST", "/execute", "{\"job_id\": ", 400, "ValidationError"),
        Arguments.of("POST", "/execute", "{\"job_id\": 1,, }", 400, "ValidationError"),
        Arguments.of("POST", "/execute", "\u0000\u00ff", 400, "ValidationError"),
        Arguments.of(
            "POST",
            "/execute",
            job.replace("\"job_id\": 9", "\"job_id\": \"9\""),
            400,
            "ValidationError"),
        Arguments.of("POST", "/execute", job.replace("{}", "[1]"), 400, "ValidationError"),
        Arguments.of("GET", "/nowhere", null, 404, "NotFoundError"),
        // As on the orchestrator, a method a path does not take is answered as an unknown route.
        Arguments.of("POST", "/status/1", "{}", 404, "NotFoundError"),
        Arguments.of("DELETE", "/execute", null, 404, "NotFoundError"));
  }

  @ParameterizedTest(name = "{0} {1} -> {3}")
  @MethodSource("badRequests")
  void every_error_has_the_error_body_and_no_library_text(
      String method, String path, String body, int status, String type) throws Exception {
    worker = start();

    HttpResponse<String> response =
        client.send(
            request(path)
                .header("Content-Type", "application/json")
                .method(
                    method,
                    body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertError(response, status, type);
    assertThat(json(get("/status")).path("job_stats").path("total").asLong()).isZero();
  }

  @Test
  void a_body_over_the_limit_is_a_413_with_the_error_body_before_it_is_read() throws Exception {
    worker = start();

    var answer =
        org.rpa.server.RawHttp.declareBody(
            worker.port(),
            "POST",
            "/execute",
            java.util.Map.of(
                "Content-Type", "application/json", "Authorization", "Bearer " + TOKEN),
            10_000_000);

    assertThat(answer.status()).as(answer.body()).isEqualTo(413);
    assertThat(answer.headers()).contains("x-content-type-options: nosniff");
    JsonNode error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body());
    assertThat(error.path("error_type").asText()).isEqualTo("PayloadTooLargeError");
    assertThat(error.path("detail").asText()).contains("10000000 bytes");
    assertThat(json(get("/status")).path("job_stats").path("total").asLong()).isZero();
  }

  @Test
  void every_answer_carries_nosniff_and_the_referrer_policy() throws Exception {
    worker = start();

    HttpResponse<String> health = get("/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(health.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
  }

  private static void assertError(HttpResponse<String> response, int status, String type)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    JsonNode error = json(response);
    assertThat(error.path("error_type").asText()).as(response.body()).isEqualTo(type);
    assertThat(error.path("timestamp").asText()).startsWith("2026-01-01T00:00:00");
    assertThat(error.path("detail").asText())
        .isNotBlank()
        .doesNotContain(
            "com.fasterxml",
            "Jackson",
            "jackson",
            "line:",
            "column:",
            "Source",
            "(code",
            "was expecting",
            "Exception");
  }

  private WorkerService start() {
    return start(DemoHandlers.all());
  }

  private WorkerService start(Map<String, JobHandler> handlers) {
    Map<String, String> env = new HashMap<>();
    env.put("WORKER_HOST", "127.0.0.1");
    env.put("WORKER_PORT", "0");
    env.put("WORKER_AUTH_TOKEN", TOKEN);
    env.put("ORCHESTRATOR_URL", "http://127.0.0.1:" + Cluster.freePort());
    env.put("MAX_WORKERS", "1");
    return WorkerService.start(
        WorkerConfig.from(env, null), clock, handlers, SeleniumCheck.disabled());
  }

  private JsonNode awaitFinished(long jobId) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode status = json(get("/status/" + jobId));
      if (!status.path("status").asText().equals("running")) {
        return status;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    throw new AssertionError("job " + jobId + " did not finish");
  }

  private HttpResponse<String> execute(long jobId, String action, String params, int attempt)
      throws Exception {
    String body = job(jobId, action, params, attempt);
    return client.send(
        request("/execute")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String job(long jobId, String action, String params, int attempt) {
    return "{\"job_id\": %d, \"provider\": \"demo\", \"action\": \"%s\", \"parameters\": %s,"
            .formatted(jobId, action, params)
        + " \"occurrence\": 0, \"attempt\": %d, \"timeout_ms\": 120000, \"executor_id\": \"w\"}"
            .formatted(attempt);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker.port() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + TOKEN);
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return WorkerProtocol.MAPPER.readTree(response.body());
  }
}
