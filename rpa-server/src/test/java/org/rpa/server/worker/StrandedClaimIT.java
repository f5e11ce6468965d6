package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobRequest;
import org.rpa.core.store.ClaimedJob;
import org.rpa.core.store.JdbcJobStore;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;
import org.rpa.server.Cluster;

/**
 * A job an orchestrator claimed for a remote worker and died before handing over: it is leased to a
 * worker that is alive, whose lease the surviving orchestrator keeps renewing, so no lease sweep
 * returns it. The survivor asks the worker about it, hears that the worker does not have it, gives
 * it back, and it runs once.
 */
@ExtendWith(PostgresExtension.class)
class StrandedClaimIT {
  @TempDir Path directory;

  @Test
  void a_claim_left_by_a_dead_orchestrator_is_given_back_and_runs_once(PgDatabase database)
      throws Exception {
    try (var cluster = new Cluster(directory, database.jdbcUrl())) {
      int orchestratorPort = Cluster.freePort();
      int workerPort = Cluster.freePort();
      var worker = cluster.worker("worker", workerPort, orchestratorPort, Map.of());
      var survivor =
          cluster.orchestrator(orchestratorPort, List.of(workerPort), Map.of("MAX_WORKERS", "0"));
      String workerId =
          cluster
              .awaitUp(worker, "http://127.0.0.1:" + workerPort + "/status")
              .path("worker_id")
              .asText();
      String base = "http://127.0.0.1:" + orchestratorPort;
      cluster.awaitUp(survivor, base + "/health");
      cluster.await(
          "the worker online for the survivor",
          () ->
              cluster.count(
                      "SELECT COUNT(*) FROM executors WHERE id = '"
                          + workerId
                          + "' AND lease_until > now()")
                  == 1);
      String token = cluster.adminToken(base);
      // While the survivor hands nothing over, the test plays the orchestrator that died.
      assertThat(loop(cluster, base, token, "worker_dispatcher", "stop")).isEqualTo(200);

      long id;
      try (var client =
          Orchestrator.builder()
              .database(database.jdbcUrl())
              .jobType("demo", "echo")
              .poolSize(2)
              .build()) {
        id = client.jobs().submit(JobRequest.of("demo", "echo").param("x", 1)).value();
      }
      try (var pool = new HikariDataSource()) {
        pool.setJdbcUrl(database.jdbcUrl());
        pool.setMaximumPoolSize(2);
        try (var store = new JdbcJobStore(pool, () -> {})) {
          List<ClaimedJob> claimed =
              store.claim(workerId, Set.of("demo.echo"), 1, Instant.now()).jobs();
          assertThat(claimed).extracting(job -> job.id().value()).containsExactly(id);
        }
      }
      assertThat(loop(cluster, base, token, "worker_dispatcher", "start")).isEqualTo(200);

      cluster.await(
          "the stranded job COMPLETED",
          () ->
              cluster.count("SELECT COUNT(*) FROM jobs WHERE status = 'COMPLETED' AND id = " + id)
                  == 1);
      List<List<String>> log =
          cluster.rows(
              "SELECT from_status, to_status, reason FROM job_log WHERE job_id = "
                  + id
                  + " ORDER BY id");
      System.out.println("the stranded job's log: " + log);
      assertThat(log).contains(List.of("CLAIMED", "QUEUED", "worker does not have it"));
      assertThat(
              cluster.count(
                  "SELECT COUNT(*) FROM job_executions WHERE status = 'SUCCESS' AND job_id = "
                      + id))
          .isEqualTo(1);
      assertThat(cluster.count("SELECT attempts FROM jobs WHERE id = " + id))
          .as("the attempt given back")
          .isEqualTo(1);
    }
  }

  private static int loop(Cluster cluster, String base, String token, String name, String verb)
      throws Exception {
    HttpResponse<String> response =
        cluster.client.send(
            HttpRequest.newBuilder(
                    URI.create(base + "/api/system/supervisor/workers/" + name + "/" + verb))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isLessThan(500);
    return response.statusCode();
  }
}
