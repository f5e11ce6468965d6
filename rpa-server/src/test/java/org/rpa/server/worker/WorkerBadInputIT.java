package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;
import org.rpa.server.Cluster;

/**
 * Bad input on the worker's {@code POST /execute} and the orchestrator's {@code POST
 * /callbacks/job-complete} (each result signed with its dispatch's credential, so that what is
 * refused is the bad part, not a missing credential): each gets a 4xx with {@code {detail,
 * error_type, timestamp}} and no parser text (malformed JSON, wrong types, a 10 MB body, an unknown
 * route, a loose id), and the database is exactly as it was before.
 */
@ExtendWith(PostgresExtension.class)
class WorkerBadInputIT {
  @TempDir Path directory;

  @Test
  void bad_results_and_bad_jobs_get_a_4xx_and_change_nothing(PgDatabase database) throws Exception {
    try (var cluster = new Cluster(directory, database.jdbcUrl())) {
      int orchestratorPort = Cluster.freePort();
      int workerPort = Cluster.freePort();
      var worker = cluster.worker("worker", workerPort, orchestratorPort, Map.of());
      var orchestrator = cluster.orchestrator(orchestratorPort, List.of(workerPort), Map.of());
      String worker_ = "http://127.0.0.1:" + workerPort;
      String callbacks = "http://127.0.0.1:" + orchestratorPort + "/callbacks/job-complete";
      cluster.awaitUp(worker, worker_ + "/status");
      cluster.awaitUp(orchestrator, "http://127.0.0.1:" + orchestratorPort + "/health");
      var jobs = cluster.oneDoneOneRunning();
      long done = jobs.done();
      long running = jobs.running();
      ObjectNode genuine =
          (ObjectNode)
              cluster
                  .json
                  .readTree(cluster.get(worker_ + "/status/" + done).body())
                  .path("callback");
      assertThat(genuine.path("execution_status").asText()).isEqualTo("SUCCESS");
      JsonNode live = cluster.json.readTree(cluster.get(worker_ + "/status/" + running).body());
      assertThat(live.path("status").asText()).isEqualTo("running");
      String before = snapshot(cluster);

      assertThat(genuine.has(WorkerProtocol.CREDENTIAL))
          .as("the credential shown by /status")
          .isFalse();
      assertRefused(cluster, post(cluster, callbacks, genuine.toString(), Cluster.TOKEN), 403);
      genuine = signed(genuine);
      ObjectNode unknown = signed(genuine.deepCopy().put("job_id", 999_999));
      ObjectNode wrongAttempt = signed(genuine.deepCopy().put("job_id", running).put("attempt", 2));
      ObjectNode wrongWorker =
          signed(genuine.deepCopy().put("job_id", running).put("executor_id", "someone-else"));
      assertRefused(cluster, post(cluster, callbacks, unknown.toString(), Cluster.TOKEN), 404);
      assertRefused(cluster, post(cluster, callbacks, wrongAttempt.toString(), Cluster.TOKEN), 409);
      assertRefused(cluster, post(cluster, callbacks, wrongWorker.toString(), Cluster.TOKEN), 409);
      ObjectNode finalJobOtherResult =
          genuine
              .deepCopy()
              .put("execution_status", "FAILED")
              .put("status", "failed")
              .put("error", "late")
              .put("error_type", "Late")
              .put("attempt", 2);
      finalJobOtherResult = signed(finalJobOtherResult);
      assertRefused(
          cluster, post(cluster, callbacks, finalJobOtherResult.toString(), Cluster.TOKEN), 409);
      assertRefused(cluster, post(cluster, callbacks, "{\"job_id\": ", Cluster.TOKEN), 400);
      assertRefused(
          cluster,
          post(cluster, callbacks, genuine.deepCopy().put("surprise", 1).toString(), Cluster.TOKEN),
          400);
      assertRefused(
          cluster,
          post(
              cluster,
              callbacks,
              genuine.deepCopy().put("execution_status", "RUNNING").toString(),
              Cluster.TOKEN),
          400);
      assertRefused(
          cluster, post(cluster, callbacks, genuine.toString(), "wrong-token-000000"), 401);
      HttpResponse<String> duplicate = post(cluster, callbacks, genuine.toString(), Cluster.TOKEN);
      assertThat(duplicate.statusCode()).isEqualTo(200);
      assertThat(duplicate.body()).contains("\"status\":\"duplicate\"");

      String execute = worker_ + "/execute";
      String job =
          "{\"job_id\": 4242, \"provider\": \"demo\", \"action\": \"echo\", \"parameters\": {},"
              + " \"occurrence\": 0, \"attempt\": 1, \"timeout_ms\": 1000, \"executor_id\": \"x\"}";
      assertRefused(cluster, post(cluster, execute, "not json", Cluster.TOKEN), 400);
      assertRefused(
          cluster, post(cluster, execute, job.replace("\"echo\"", "\"nope\""), Cluster.TOKEN), 400);
      assertRefused(
          cluster,
          post(cluster, execute, job.replace("\"attempt\": 1", "\"attempt\": 0"), Cluster.TOKEN),
          400);
      assertRefused(
          cluster,
          post(cluster, execute, job.replace("\"job_id\": 4242, ", ""), Cluster.TOKEN),
          400);
      assertRefused(cluster, post(cluster, execute, job, "wrong-token-000000"), 401);
      assertRefused(cluster, post(cluster, execute, "{\"job_id\": 1,, }", Cluster.TOKEN), 400);
      assertRefused(
          cluster,
          post(
              cluster,
              execute,
              job.replace("\"job_id\": 4242", "\"job_id\": \"4242\""),
              Cluster.TOKEN),
          400);
      // Declared, not sent: sending 10 MB races the worker's close after its 413 (see RawHttp).
      var oversized =
          org.rpa.server.RawHttp.declareBody(
              workerPort,
              "POST",
              "/execute",
              java.util.Map.of(
                  "Content-Type", "application/json", "Authorization", "Bearer " + Cluster.TOKEN),
              10_000_000);
      assertThat(oversized.status()).as(oversized.body()).isEqualTo(413);
      assertThat(oversized.body()).contains("\"error_type\":\"PayloadTooLargeError\"");
      assertRefused(cluster, cluster.get(worker_ + "/nowhere"), 404);
      assertRefused(cluster, cluster.get(worker_ + "/status/+1"), 400);

      assertThat(snapshot(cluster)).as("the database after the refused calls").isEqualTo(before);
      JsonNode stats = cluster.json.readTree(cluster.get(worker_ + "/status").body());
      assertThat(stats.path("job_stats").path("total").asLong())
          .as("jobs the worker accepted")
          .isEqualTo(2);
    }
  }

  /** The body with the credential the orchestrator would have given the dispatch it names. */
  private static ObjectNode signed(ObjectNode body) {
    return body.put(
        WorkerProtocol.CREDENTIAL,
        CallbackCredentials.derivedFrom(Cluster.JWT_SECRET)
            .sign(
                body.path("job_id").asLong(),
                body.path("occurrence").asInt(),
                body.path("attempt").asInt(),
                body.path("executor_id").asText()));
  }

  private static String snapshot(Cluster cluster) {
    return cluster
            .rows(
                "SELECT id, status, attempts, occurrence, lease_owner, updated_at FROM jobs ORDER BY id")
            .toString()
        + cluster.rows("SELECT COUNT(*) FROM job_log")
        + cluster.rows("SELECT id, status, finished_at FROM job_executions ORDER BY id");
  }

  private static HttpResponse<String> post(Cluster cluster, String url, String body, String token)
      throws Exception {
    return cluster.client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static void assertRefused(Cluster cluster, HttpResponse<String> response, int status)
      throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    JsonNode body = cluster.json.readTree(response.body());
    assertThat(body.has("detail") && body.has("error_type") && body.has("timestamp"))
        .as(response.body())
        .isTrue();
    assertThat(body.path("detail").asText())
        .doesNotContain("com.fasterxml", "Jackson", "line:", "column:", "(code", "was expecting");
  }
}
