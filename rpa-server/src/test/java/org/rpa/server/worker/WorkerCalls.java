package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.rpa.automation.BrowserAutomation;
import org.rpa.server.Cluster;
import org.rpa.server.WorkerConfig;

/**
 * A worker service's own API, called over HTTP as an orchestrator calls it: {@code POST /execute}
 * of one job, {@code GET} of its answers, and a wait for a job to leave {@code running}.
 */
final class WorkerCalls {
  private final HttpClient client = HttpClient.newHttpClient();
  private final int port;
  private final String token;

  WorkerCalls(int port, String token) {
    this.port = port;
    this.token = token;
  }

  /**
   * A worker service on a free loopback port with {@code automation}'s flows, taking {@code token},
   * running {@code maxWorkers} jobs at once, reporting to a closed port (no orchestrator listens).
   */
  static WorkerService start(
      BrowserAutomation automation, Clock clock, int maxWorkers, String token) {
    Map<String, String> env = new HashMap<>();
    env.put("WORKER_HOST", "127.0.0.1");
    env.put("WORKER_PORT", "0");
    env.put("WORKER_AUTH_TOKEN", token);
    env.put("ORCHESTRATOR_URL", "http://127.0.0.1:" + Cluster.freePort());
    env.put("MAX_WORKERS", String.valueOf(maxWorkers));
    return WorkerService.start(
        WorkerConfig.from(env, null),
        clock,
        automation.standaloneHandlers(),
        SeleniumCheck.disabled());
  }

  /** Hands the worker job {@code jobId} on {@code circuit}, at {@code attempt}. */
  HttpResponse<String> execute(
      long jobId, String provider, String action, String circuit, int attempt) throws Exception {
    String body =
        ("{\"job_id\": %d, \"provider\": \"%s\", \"action\": \"%s\", \"parameters\":"
                + " {\"circuit_number\": \"%s\"}, \"occurrence\": 0, \"attempt\": %d,"
                + " \"timeout_ms\": 120000, \"executor_id\": \"w\"}")
            .formatted(jobId, provider, action, circuit, attempt);
    return client.send(
        request("/execute")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@code GET path}, which must answer 200 with JSON. */
  JsonNode get(String path) throws Exception {
    HttpResponse<String> response =
        client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return WorkerProtocol.MAPPER.readTree(response.body());
  }

  /** The job's {@code /status/{job_id}} once it is no longer running, within {@code limit}. */
  JsonNode awaitFinished(long jobId, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() - deadline < 0) {
      JsonNode status = get("/status/" + jobId);
      if (!status.path("status").asText().equals("running")) {
        return status;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    throw new AssertionError("job " + jobId + " did not finish within " + limit);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + token);
  }
}
