package org.rpa.core.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rpa.core.Orchestrator;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.testing.pg.PgDatabase;
import org.rpa.core.testing.pg.PostgresExtension;

/**
 * Two orchestrator instances (separate pools, executors and leases) on one PostgreSQL database
 * share 10,000 jobs: every job runs, and none has two successful executions.
 */
@ExtendWith(PostgresExtension.class)
class TwoInstancesIT {
  private static final int JOBS = 10_000;

  @Test
  void two_instances_on_one_database_run_every_job_and_none_twice(PgDatabase database)
      throws Exception {
    Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();
    var perInstance = new ConcurrentHashMap<String, AtomicInteger>();
    var completed = new CountDownLatch(JOBS);
    try (var first = instance(database, "first", runs, perInstance);
        var second = instance(database, "second", runs, perInstance)) {
      first.events().subscribe(JobStateChanged.class, e -> countCompleted(e, completed));
      second.events().subscribe(JobStateChanged.class, e -> countCompleted(e, completed));
      first.start();
      second.start();
      long started = System.nanoTime();
      for (int batch = 0; batch < JOBS / 500; batch++) {
        var requests = new ArrayList<JobRequest>();
        for (int i = 0; i < 500; i++) {
          requests.add(JobRequest.of("demo", "echo").param("n", batch * 500 + i));
        }
        (batch % 2 == 0 ? first : second).jobs().submitAll(requests);
      }
      assertThat(completed.await(300, TimeUnit.SECONDS)).as("all jobs completed").isTrue();
      double seconds = (System.nanoTime() - started) / 1e9;

      assertThat(runs).hasSize(JOBS);
      assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
      assertThat(perInstance.get("first").get()).isPositive();
      assertThat(perInstance.get("second").get()).isPositive();
      assertThat(first.jobs().countByStatus().get(JobStatus.COMPLETED)).isEqualTo(JOBS);
      assertThat(successfulExecutionsPerJob(database)).isEqualTo(Map.of(1L, (long) JOBS));
      System.out.printf(
          "two instances on PostgreSQL: %d jobs in %.1f s (first ran %d, second ran %d)%n",
          JOBS, seconds, perInstance.get("first").get(), perInstance.get("second").get());
    }
  }

  @Test
  void a_submit_on_one_instance_wakes_the_other_at_once(PgDatabase database) throws Exception {
    try (var worker =
            Orchestrator.builder()
                .database(database.jdbcUrl())
                .executorName("worker")
                .pollInterval(java.time.Duration.ofMinutes(10))
                .handler("demo", "wake", ctx -> JobResult.success())
                .build()
                .start();
        var api =
            Orchestrator.builder()
                .database(database.jdbcUrl())
                .executorName("api")
                .jobType("demo", "wake")
                .build()) {
      // Let the worker's first poll pass, so that only a notification can wake it now.
      worker
          .jobs()
          .await(
              worker.jobs().submit(JobRequest.of("demo", "wake")),
              java.time.Duration.ofSeconds(10));
      long started = System.nanoTime();
      var id = api.jobs().submit(JobRequest.of("demo", "wake"));
      var job = api.jobs().await(id, java.time.Duration.ofSeconds(10));
      double millis = (System.nanoTime() - started) / 1e6;

      assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
      assertThat(job.leaseOwner()).isNull();
      assertThat(api.jobs().executions(id))
          .singleElement()
          .satisfies(e -> assertThat(e.executor()).isEqualTo("worker"));
      assertThat(millis).as("woken by NOTIFY, not by a 10-minute poll").isLessThan(10_000);
      System.out.printf(
          "cross-instance wake-up on PostgreSQL: submit to completion %.1f ms%n", millis);
    }
  }

  private static void countCompleted(JobStateChanged event, CountDownLatch completed) {
    if (event.to().equals("COMPLETED")) {
      completed.countDown();
    }
  }

  private static Orchestrator instance(
      PgDatabase database,
      String name,
      Map<Long, AtomicInteger> runs,
      Map<String, AtomicInteger> perInstance) {
    var mine = perInstance.computeIfAbsent(name, key -> new AtomicInteger());
    return Orchestrator.builder()
        .database(database.jdbcUrl())
        .executorName(name)
        .concurrency(8)
        .handler(
            "demo",
            "echo",
            ctx -> {
              runs.computeIfAbsent(ctx.jobId().value(), key -> new AtomicInteger())
                  .incrementAndGet();
              mine.incrementAndGet();
              return JobResult.success();
            })
        .build();
  }

  /** How many jobs have 1, 2, … successful executions, straight from the database. */
  private static Map<Long, Long> successfulExecutionsPerJob(PgDatabase database) throws Exception {
    var histogram = new ConcurrentHashMap<Long, Long>();
    try (var connection = DriverManager.getConnection(database.jdbcUrl());
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT successes, COUNT(*) FROM (SELECT job_id, COUNT(*) AS successes"
                    + " FROM job_executions WHERE status = 'SUCCESS' GROUP BY job_id) s"
                    + " GROUP BY successes")) {
      while (rows.next()) {
        histogram.put(rows.getLong(1), rows.getLong(2));
      }
    }
    return histogram;
  }
}
