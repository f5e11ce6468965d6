package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;
import org.rpa.server.Cluster;

/**
 * Holding the shared worker token is not enough to complete a job: a forged result for a job a real
 * worker runs, sent with the token but without the credential of that dispatch (none, a wrong one,
 * one of another attempt, job or executor), is 403 and changes nothing; the job stays RUNNING. Real
 * processes: the orchestrator jar on PostgreSQL and a worker service, whose own results still
 * complete jobs. The credential is recomputed here, independently of the server's code, from the
 * cluster's {@code JWT_SECRET}: with it the same forged result is taken, which shows that the
 * credential is what the route checks.
 */
@ExtendWith(PostgresExtension.class)
class CallbackCredentialIT {
  @TempDir Path directory;

  @Test
  void a_result_without_the_credential_of_its_dispatch_is_refused_and_changes_nothing(
      PgDatabase database) throws Exception {
    try (var cluster = new Cluster(directory, database.jdbcUrl())) {
      int orchestratorPort = Cluster.freePort();
      int workerPort = Cluster.freePort();
      var worker = cluster.worker("worker", workerPort, orchestratorPort, Map.of());
      var orchestrator = cluster.orchestrator(orchestratorPort, List.of(workerPort), Map.of());
      String callbacks = "http://127.0.0.1:" + orchestratorPort + "/callbacks/job-complete";
      cluster.awaitUp(worker, "http://127.0.0.1:" + workerPort + "/status");
      cluster.awaitUp(orchestrator, "http://127.0.0.1:" + orchestratorPort + "/health");
      var jobs = cluster.oneDoneOneRunning();
      long done = jobs.done();
      long running = jobs.running();
      List<String> lease =
          cluster
              .rows("SELECT lease_owner, occurrence, attempts FROM jobs WHERE id = " + running)
              .get(0);
      String executor = lease.get(0);
      int occurrence = Integer.parseInt(lease.get(1));
      int attempt = Integer.parseInt(lease.get(2));
      String doneExecutor =
          cluster.rows("SELECT executor FROM job_executions WHERE job_id = " + done).get(0).get(0);
      String before = snapshot(cluster);

      Map<String, String> forgeries = new LinkedHashMap<>();
      forgeries.put("no credential", null);
      forgeries.put("a made-up credential", "bm90LWEtcmVhbC1jcmVkZW50aWFsLWF0LWFsbA");
      forgeries.put("another attempt's", credential(running, occurrence, attempt + 1, executor));
      forgeries.put("another occurrence's", credential(running, occurrence + 1, attempt, executor));
      forgeries.put("another job's", credential(done, 0, 1, doneExecutor));
      forgeries.put("another executor's", credential(running, occurrence, attempt, "someone-else"));
      forgeries.put(
          "one under another secret",
          credential(
              "another-secret-0123456789abcdef0123", running, occurrence, attempt, executor));
      for (var forgery : forgeries.entrySet()) {
        String body = forged(running, occurrence, attempt, executor, forgery.getValue());
        HttpResponse<String> response = post(cluster, callbacks, body);
        assertThat(response.statusCode())
            .as(forgery.getKey() + ": " + response.body())
            .isEqualTo(403);
        JsonNode error = cluster.json.readTree(response.body());
        assertThat(error.path("error_type").asText()).isEqualTo("PermissionError");
        assertThat(error.has("detail") && error.has("timestamp")).as(response.body()).isTrue();
      }
      HttpResponse<String> empty =
          post(cluster, callbacks, forged(running, occurrence, attempt, executor, ""));
      assertThat(empty.statusCode()).as("an empty credential: " + empty.body()).isEqualTo(400);
      assertThat(snapshot(cluster)).as("the database after the forged results").isEqualTo(before);
      assertThat(
              cluster.count(
                  "SELECT COUNT(*) FROM jobs WHERE id = " + running + " AND status = 'RUNNING'"))
          .isEqualTo(1);

      String signed =
          forged(
              running,
              occurrence,
              attempt,
              executor,
              credential(running, occurrence, attempt, executor));
      HttpResponse<String> taken = post(cluster, callbacks, signed);
      assertThat(taken.statusCode()).as(taken.body()).isEqualTo(200);
      assertThat(taken.body()).contains("\"status\":\"recorded\"");
      assertThat(
              cluster.count(
                  "SELECT COUNT(*) FROM jobs WHERE id = " + running + " AND status = 'COMPLETED'"))
          .isEqualTo(1);
    }
  }

  private static String forged(
      long job, int occurrence, int attempt, String executor, String credential) {
    return "{\"job_id\": "
        + job
        + ", \"occurrence\": "
        + occurrence
        + ", \"attempt\": "
        + attempt
        + ", \"executor_id\": \""
        + executor
        + "\", \"worker_id\": \""
        + executor
        + "\", \"idempotency_key\": \""
        + job
        + ":"
        + occurrence
        + ":"
        + attempt
        + "\", \"status\": \"completed\", \"execution_status\": \"SUCCESS\","
        + " \"result\": {\"forged\": true}, \"error\": null, \"error_type\": null,"
        + " \"retryable\": false, \"duration_ms\": 5, \"steps\": []"
        + (credential == null ? "" : ", \"callback_credential\": \"" + credential + "\"")
        + "}";
  }

  private static String credential(long job, int occurrence, int attempt, String executor)
      throws Exception {
    return credential(Cluster.JWT_SECRET, job, occurrence, attempt, executor);
  }

  /** The documented derivation, written out independently of the server's code. */
  private static String credential(
      String secret, long job, int occurrence, int attempt, String executor) throws Exception {
    byte[] key =
        hmac(
            secret.getBytes(StandardCharsets.UTF_8),
            "rpa callback credential v1".getBytes(StandardCharsets.UTF_8));
    String message = job + "\n" + occurrence + "\n" + attempt + "\n" + executor;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(hmac(key, message.getBytes(StandardCharsets.UTF_8)));
  }

  private static byte[] hmac(byte[] key, byte[] message) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return mac.doFinal(message);
  }

  private static String snapshot(Cluster cluster) {
    return cluster
            .rows(
                "SELECT id, status, attempts, occurrence, lease_owner, result, updated_at FROM jobs"
                    + " ORDER BY id")
            .toString()
        + cluster.rows("SELECT COUNT(*) FROM job_log")
        + cluster.rows("SELECT id, status, finished_at FROM job_executions ORDER BY id");
  }

  private static HttpResponse<String> post(Cluster cluster, String url, String body)
      throws Exception {
    return cluster.client.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + Cluster.TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
