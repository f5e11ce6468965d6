package org.rpa.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.recovery.RetryPolicy;
import org.rpa.core.store.Databases;
import org.rpa.core.store.JdbcJobStore;
import org.rpa.core.store.JobStore;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.JobAssert;
import org.rpa.core.testing.MutableClock;

/** The threaded orchestrator: real handler threads, pushed wake-ups, supervised loops. */
class OrchestratorTest {

  @Test
  void a_thousand_jobs_each_run_once_and_complete() throws Exception {
    var runs = ConcurrentHashMap.<Long>newKeySet();
    var duplicates = ConcurrentHashMap.<Long>newKeySet();
    try (var rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .concurrency(8)
            .handler(
                "demo",
                "echo",
                ctx -> {
                  if (!runs.add(ctx.jobId().value())) {
                    duplicates.add(ctx.jobId().value());
                  }
                  return JobResult.success(ctx.params());
                })
            .build()) {
      var done = new CountDownLatch(1000);
      rpa.events()
          .subscribe(
              JobStateChanged.class,
              e -> {
                if (e.to().equals("COMPLETED")) {
                  done.countDown();
                }
              });
      rpa.start();
      var requests = new ArrayList<JobRequest>();
      for (int i = 0; i < 500; i++) {
        requests.add(JobRequest.of("demo", "echo").param("i", i));
      }
      rpa.jobs().submitAll(requests);
      for (int i = 0; i < 500; i++) {
        rpa.jobs().submit(JobRequest.of("demo", "echo").param("i", 500 + i));
      }

      assertThat(done.await(60, TimeUnit.SECONDS)).as("all completed").isTrue();
      assertThat(runs).hasSize(1000);
      assertThat(duplicates).isEmpty();
      assertThat(rpa.jobs().countByStatus().get(JobStatus.COMPLETED)).isEqualTo(1000);
    }
  }

  @Test
  void a_submit_wakes_the_dispatcher_without_waiting_for_the_poll() throws Exception {
    try (var rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .pollInterval(Duration.ofMinutes(10))
            .handler("demo", "echo", ctx -> JobResult.success())
            .build()
            .start()) {
      JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));
      JobAssert.assertThat(rpa.jobs().await(id, Duration.ofSeconds(10)))
          .hasStatus(JobStatus.COMPLETED);
    }
  }

  @Test
  void a_submit_to_an_idle_executor_hands_the_job_over_and_logs_each_step_once() throws Exception {
    var events = new java.util.concurrent.CopyOnWriteArrayList<String>();
    try (var rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .pollInterval(Duration.ofMinutes(10))
            .handler("demo", "echo", ctx -> JobResult.success())
            .build()
            .start()) {
      rpa.events().subscribe(JobStateChanged.class, e -> events.add(e.from() + ">" + e.to()));
      // The hand-off waits for the dispatcher's first claim (until then it assumes a backlog).
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (rpa.metrics().live().claimLatency().totalCount() == 0) {
        assertThat(System.nanoTime()).as("the dispatcher's first claim").isLessThan(deadline);
        Thread.onSpinWait();
      }
      JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));

      JobAssert.assertThat(rpa.jobs().await(id, Duration.ofSeconds(10)))
          .hasStatus(JobStatus.COMPLETED)
          .hasAttempts(1);
      assertThat(events)
          .containsExactly("null>QUEUED", "QUEUED>CLAIMED", "CLAIMED>RUNNING", "RUNNING>COMPLETED");
      assertThat(rpa.jobs().executions(id))
          .singleElement()
          .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS));
    }
  }

  @Test
  void jobs_queued_while_every_thread_is_busy_or_retried_at_once_run_without_waiting_for_the_poll()
      throws Exception {
    var release = new CountDownLatch(1);
    var failedOnce = ConcurrentHashMap.<Long>newKeySet();
    try (var rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .pollInterval(Duration.ofMinutes(10))
            .concurrency(1)
            .bufferSize(0)
            .retryPolicy(RetryPolicy.ofDefaults().withBackoff(Duration.ZERO, 1.0, Duration.ZERO))
            .handler(
                "demo",
                "block",
                ctx -> {
                  release.await();
                  return JobResult.success();
                })
            .handler(
                "demo",
                "flaky",
                ctx ->
                    failedOnce.add(ctx.jobId().value())
                        ? JobResult.technicalFailure("Flaky", "first attempt fails")
                        : JobResult.success())
            .build()
            .start()) {
      JobId blocking = rpa.jobs().submit(JobRequest.of("demo", "block"));
      awaitStatus(rpa, blocking, JobStatus.RUNNING);
      JobId waiting = rpa.jobs().submit(JobRequest.of("demo", "flaky"));
      JobAssert.assertThat(rpa.jobs().get(waiting)).hasStatus(JobStatus.QUEUED);

      release.countDown();

      JobAssert.assertThat(rpa.jobs().await(waiting, Duration.ofSeconds(10)))
          .hasStatus(JobStatus.COMPLETED)
          .hasAttempts(2);
    }
  }

  @Test
  void a_handler_past_its_timeout_by_the_clock_is_stopped_and_its_execution_ends_as_timeout()
      throws Exception {
    var clock = MutableClock.at("2026-01-01T00:00:00Z");
    var entered = new CountDownLatch(1);
    var sawCancellation = new CountDownLatch(1);
    try (var rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .retryPolicy(RetryPolicy.none())
            .handler(
                "demo",
                "hang",
                ctx -> {
                  entered.countDown();
                  try {
                    ctx.awaitCancellation(Duration.ofSeconds(60));
                  } catch (InterruptedException e) {
                    // a stop interrupts the handler as well as signalling it
                  }
                  if (ctx.isCancelled()) {
                    sawCancellation.countDown();
                  }
                  return JobResult.success();
                })
            .build()
            .start()) {
      JobId id = rpa.jobs().submit(JobRequest.of("demo", "hang").timeout(Duration.ofSeconds(30)));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

      clock.advance(Duration.ofSeconds(30));

      var job = rpa.jobs().await(id, Duration.ofSeconds(10));
      JobAssert.assertThat(job).hasStatus(JobStatus.FAILED).hasErrorType("Timeout");
      assertThat(sawCancellation.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(rpa.jobs().executions(id))
          .singleElement()
          .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.TIMEOUT));
    }
  }

  @Test
  void cancelling_a_running_job_signals_its_handler_and_ignores_its_result() throws Exception {
    var entered = new CountDownLatch(1);
    var stopped = new CountDownLatch(1);
    try (var rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .handler(
                "demo",
                "long",
                ctx -> {
                  entered.countDown();
                  try {
                    ctx.awaitCancellation(Duration.ofSeconds(60));
                  } catch (InterruptedException e) {
                    // cancellation interrupts too
                  }
                  stopped.countDown();
                  return JobResult.success();
                })
            .build()
            .start()) {
      JobId id = rpa.jobs().submit(JobRequest.of("demo", "long"));
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      awaitStatus(rpa, id, JobStatus.RUNNING);

      JobAssert.assertThat(rpa.jobs().cancel(id)).hasStatus(JobStatus.CANCELLED);

      assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
      JobAssert.assertThat(rpa.jobs().get(id)).hasStatus(JobStatus.CANCELLED);
      assertThat(rpa.jobs().executions(id))
          .singleElement()
          .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.CANCELLED));
    }
  }

  @Test
  void close_returns_claimed_jobs_that_never_started_to_the_queue() throws Exception {
    var release = new CountDownLatch(1);
    var entered = new CountDownLatch(1);
    String url = H2.memory();
    List<JobId> ids = new ArrayList<>();
    var rpa =
        Orchestrator.builder()
            .database(url)
            .concurrency(1)
            .bufferSize(4)
            .handler(
                "demo",
                "block",
                ctx -> {
                  entered.countDown();
                  release.await();
                  return JobResult.success();
                })
            .build()
            .start();
    for (int i = 0; i < 5; i++) {
      ids.add(rpa.jobs().submit(JobRequest.of("demo", "block")));
    }
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    awaitClaimed(rpa, 5);
    release.countDown();
    rpa.close();

    List<JobStatus> statuses;
    try (var store = reopen(url)) {
      statuses = ids.stream().map(id -> store.find(id).orElseThrow().status()).toList();
    }
    assertThat(Set.copyOf(statuses)).isSubsetOf(JobStatus.COMPLETED, JobStatus.QUEUED);
    assertThat(statuses).contains(JobStatus.COMPLETED);
  }

  private static JobStore reopen(String url) {
    var pool = Databases.pool(url, 2);
    return new JdbcJobStore(pool, pool);
  }

  private static void awaitClaimed(Orchestrator rpa, int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      var counts = rpa.jobs().countByStatus();
      if (counts.get(JobStatus.CLAIMED) + counts.get(JobStatus.RUNNING) == count) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("jobs were not claimed: " + rpa.jobs().countByStatus());
  }

  private static void awaitStatus(Orchestrator rpa, JobId id, JobStatus status) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rpa.jobs().get(id).status() != status) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + id + " never reached " + status);
      }
      Thread.onSpinWait();
    }
  }
}
