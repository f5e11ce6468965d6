package org.rpa.server.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.rpa.core.Orchestrator;
import org.rpa.core.job.JobRequest;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;
import org.rpa.server.Cluster;

/**
 * Issue 6's acceptance with real processes: an orchestrator ({@code java -jar rpa-server.jar}) and
 * two worker services ({@code java -jar rpa-server.jar worker}) on loopback, one PostgreSQL
 * database. Jobs are submitted through the core API on the same database; what happened is read
 * from the database. Leases are 6 s (heartbeat 1 s) so that a dead worker's jobs come back within
 * seconds; the test waits for conditions, never for a fixed time.
 */
@ExtendWith(PostgresExtension.class)
class RemoteWorkersIT {
  @TempDir Path directory;
  private PgDatabase database;

  @BeforeEach
  void empty_database(PgDatabase database) {
    this.database = database;
  }

  @Test
  void five_hundred_jobs_run_across_both_workers_and_each_completes_once() throws Exception {
    try (var cluster = new Cluster(directory, database.jdbcUrl())) {
      int orchestratorPort = Cluster.freePort();
      int first = Cluster.freePort();
      int second = Cluster.freePort();
      var workerOne = cluster.worker("worker-1", first, orchestratorPort, Map.of());
      var workerTwo = cluster.worker("worker-2", second, orchestratorPort, Map.of());
      var orchestrator = cluster.orchestrator(orchestratorPort, List.of(first, second), Map.of());
      cluster.awaitUp(workerOne, "http://127.0.0.1:" + first + "/status");
      cluster.awaitUp(workerTwo, "http://127.0.0.1:" + second + "/status");
      cluster.awaitUp(orchestrator, "http://127.0.0.1:" + orchestratorPort + "/health");

      submit(500, 10);
      cluster.await(
          "500 jobs COMPLETED",
          () -> cluster.count("SELECT COUNT(*) FROM jobs WHERE status = 'COMPLETED'") == 500);

      assertThat(
              cluster.count(
                  "SELECT COUNT(*) FROM (SELECT job_id FROM job_executions WHERE status = 'SUCCESS'"
                      + " GROUP BY job_id HAVING COUNT(*) > 1) twice"))
          .as("jobs with more than one successful execution")
          .isZero();
      assertThat(cluster.count("SELECT COUNT(*) FROM job_log WHERE to_status = 'COMPLETED'"))
          .as("COMPLETED transitions")
          .isEqualTo(500);
      List<List<String>> perWorker =
          cluster.rows(
              "SELECT executor, COUNT(*) FROM job_executions WHERE status = 'SUCCESS'"
                  + " GROUP BY executor ORDER BY executor");
      System.out.println("500 jobs over two workers: " + perWorker);
      assertThat(perWorker).hasSize(2);
      perWorker.forEach(row -> assertThat(Long.parseLong(row.get(1))).isPositive());
      var metrics =
          cluster.json.readTree(
              cluster.get("http://127.0.0.1:" + orchestratorPort + "/metrics").body());
      assertThat(metrics.path("current").path("workers").toString())
          .contains("http://127.0.0.1:" + first + "/execute")
          .contains("http://127.0.0.1:" + second + "/execute");
    }
  }

  @Test
  void a_worker_killed_mid_jobs_leaves_no_job_stuck_and_none_completed_twice() throws Exception {
    try (var cluster = new Cluster(directory, database.jdbcUrl())) {
      int orchestratorPort = Cluster.freePort();
      int first = Cluster.freePort();
      int second = Cluster.freePort();
      var victim = cluster.worker("victim", first, orchestratorPort, Map.of());
      var survivor = cluster.worker("survivor", second, orchestratorPort, Map.of());
      var orchestrator = cluster.orchestrator(orchestratorPort, List.of(first, second), Map.of());
      String victimId =
          cluster
              .awaitUp(victim, "http://127.0.0.1:" + first + "/status")
              .path("worker_id")
              .asText();
      cluster.awaitUp(survivor, "http://127.0.0.1:" + second + "/status");
      cluster.awaitUp(orchestrator, "http://127.0.0.1:" + orchestratorPort + "/health");
      long before = cluster.count("SELECT COUNT(*) FROM jobs");

      submit(40, 400);
      cluster.await(
          "the victim running jobs",
          () ->
              cluster.count(
                      "SELECT COUNT(*) FROM jobs WHERE status = 'RUNNING' AND lease_owner = '"
                          + victimId
                          + "'")
                  >= 2);
      Cluster.kill9(victim);
      cluster.await(
          "every job final",
          () ->
              cluster.count("SELECT COUNT(*) FROM jobs WHERE status IN ('COMPLETED', 'FAILED')")
                  == before + 40);

      assertThat(
              cluster.count(
                  "SELECT COUNT(*) FROM (SELECT job_id FROM job_executions WHERE status = 'SUCCESS'"
                      + " GROUP BY job_id HAVING COUNT(*) > 1) twice"))
          .as("jobs completed twice")
          .isZero();
      assertThat(
              cluster.count(
                  "SELECT COUNT(*) FROM (SELECT job_id FROM job_log WHERE to_status = 'COMPLETED'"
                      + " GROUP BY job_id HAVING COUNT(*) > 1) twice"))
          .isZero();
      long recovered =
          cluster.count(
              "SELECT COUNT(*) FROM job_executions WHERE executor = '"
                  + victimId
                  + "' AND error_type = 'LeaseExpired'");
      List<List<String>> outcome =
          cluster.rows("SELECT status, COUNT(*) FROM jobs GROUP BY status ORDER BY status");
      System.out.println(
          "kill -9 of a worker: jobs " + outcome + ", attempts recovered by lease: " + recovered);
      assertThat(recovered)
          .as("attempts the dead worker held, failed by lease expiry")
          .isPositive();
      assertThat(
              cluster.count(
                  "SELECT COUNT(*) FROM job_executions e JOIN jobs j ON j.id = e.job_id"
                      + " WHERE e.executor = '"
                      + victimId
                      + "' AND e.error_type = 'LeaseExpired' AND j.status = 'COMPLETED'"))
          .as("recovered jobs that then completed on the survivor")
          .isPositive();
    }
  }

  private void submit(int count, int sleepMillis) {
    try (var client =
        Orchestrator.builder()
            .database(database.jdbcUrl())
            .jobType("demo", "sleep")
            .poolSize(2)
            .build()) {
      List<JobRequest> requests = new ArrayList<>();
      IntStream.range(0, count)
          .forEach(i -> requests.add(JobRequest.of("demo", "sleep").param("ms", sleepMillis)));
      client.jobs().submitAll(requests);
    }
  }
}
