package org.rpa.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.metrics.PerformanceSample;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.JobAssert;

/** A threaded orchestrator's own work shows in its performance figures. */
class OrchestratorPerformanceTest {

  @Test
  void a_window_counts_the_jobs_run_their_pick_ups_claims_commits_and_the_pool()
      throws InterruptedException {
    try (var rpa =
        Orchestrator.builder()
            .database(H2.memory())
            .concurrency(4)
            .handler("demo", "echo", ctx -> JobResult.success())
            .build()
            .start()) {
      var running = new CountDownLatch(50);
      rpa.events()
          .subscribe(
              JobStateChanged.class,
              event -> {
                if (event.to().equals(JobStatus.RUNNING.name())) {
                  running.countDown();
                }
              });
      List<JobId> ids = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        ids.add(rpa.jobs().submit(JobRequest.of("demo", "echo")));
      }
      for (JobId id : ids) {
        JobAssert.assertThat(rpa.jobs().await(id, Duration.ofSeconds(20)))
            .hasStatus(JobStatus.COMPLETED);
      }

      // The five-minute window, which holds the whole test on the slowest machine: the last
      // minute's is the same code (PerformanceTest pins its bounds on a MutableClock), and a run
      // that took over a minute under load lost its first pick-ups from it.
      // The counters follow the job events, which the bus delivers to its listeners in turn: a
      // job can be seen COMPLETED before its RUNNING event reached the counters' listener, which
      // was subscribed before this test's, and so has counted every event this one has seen.
      assertThat(running.await(20, TimeUnit.SECONDS)).as("50 jobs started").isTrue();
      PerformanceSample minute = rpa.metrics().performance().lastFiveMinutes();

      assertThat(minute.started()).isEqualTo(50);
      assertThat(minute.pickUp().count()).isEqualTo(50);
      assertThat(minute.claim().count()).isPositive();
      assertThat(minute.committed()).as("at least each finish").isGreaterThanOrEqualTo(50);
      assertThat(minute.commits()).isBetween(1L, minute.committed());
      assertThat(minute.largestBatch()).isBetween(1, (int) minute.committed());
      assertThat(minute.commit().count()).isEqualTo(minute.commits());
      assertThat(minute.pool()).isNotNull();
      assertThat(minute.pool().max()).isPositive();
      assertThat(minute.pool().total()).isBetween(1, minute.pool().max());
      assertThat(minute.jvm().heapUsedBytes()).isPositive();
      assertThat(rpa.supervisor().loop("performance_sampler")).isPresent();
    }
  }
}
