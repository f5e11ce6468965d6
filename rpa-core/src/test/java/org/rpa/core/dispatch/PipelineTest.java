package org.rpa.core.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.dispatch.Degradation.Mode;
import org.rpa.core.health.HealthStatus;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.resilience.BreakerOptions;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.MutableClock;

/**
 * The pipeline and the full health of threaded orchestrators on one H2 database: wake-ups, the
 * claim batches in flight on a clock that moves only when told, and the modes without remote
 * workers (remote workers are the server's tests).
 */
class PipelineTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final String database = H2.memory();
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Orchestrator> opened = new ArrayList<>();

  @AfterEach
  void close() {
    release.countDown();
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  @Test
  void submits_wake_the_only_orchestrator_natively_and_a_second_one_on_the_store_makes_both_poll()
      throws InterruptedException {
    Orchestrator first =
        started(builder("first").handler("demo", "echo", ctx -> JobResult.success()));
    Wakeups alone = first.pipeline().wakeups();
    assertThat(alone.mechanism()).isEqualTo(Wakeups.Mechanism.IN_PROCESS);
    assertThat(alone.state()).isEqualTo(Wakeups.State.SIGNAL);
    assertThat(alone.observerType()).isEqualTo("native");
    assertThat(alone.reason()).isNull();

    Orchestrator second = started(builder("second").jobType("demo", "echo"));
    for (Orchestrator each : List.of(first, second)) {
      Wakeups shared = each.pipeline().wakeups();
      assertThat(shared.observerType()).isEqualTo("polling");
      assertThat(shared.reason()).startsWith("1 other orchestrator(s) share this store");
      assertThat(each.pipeline().status().degradation().availableFeatures())
          .doesNotContain("push_wakeups");
    }
    // A submit through the second wakes only its own dispatcher; the first finds it by its poll.
    var id = second.jobs().submit(JobRequest.of("demo", "echo"));
    assertThat(second.jobs().await(id, Duration.ofSeconds(10)).status())
        .isEqualTo(JobStatus.COMPLETED);

    second.close();
    assertThat(first.pipeline().wakeups().observerType()).isEqualTo("native");
  }

  @Test
  void a_claim_is_one_batch_in_flight_with_its_size_and_its_age_on_the_clock() throws Exception {
    CountDownLatch started = new CountDownLatch(3);
    Orchestrator rpa =
        started(
            builder("solo")
                .concurrency(4)
                .handler(
                    "demo",
                    "hold",
                    ctx -> {
                      started.countDown();
                      release.await(30, TimeUnit.SECONDS);
                      return JobResult.success();
                    }));
    rpa.jobs()
        .submitAll(
            List.of(
                JobRequest.of("demo", "hold"),
                JobRequest.of("demo", "hold"),
                JobRequest.of("demo", "hold")));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    await(
        "the three starts written",
        () -> batches(rpa).size() == 1 && batches(rpa).get(0).running() == 3);

    clock.advance(Duration.ofSeconds(45));
    ClaimBatch batch = batches(rpa).get(0);
    assertThat(batch.executorId()).isEqualTo("solo");
    assertThat(batch.size()).isEqualTo(3);
    assertThat(batch.startedAt()).isEqualTo(clock.instant().minusSeconds(45));
    assertThat(batch.age()).isEqualTo(Duration.ofSeconds(45));
    assertThat(batch.idle()).isEqualTo(Duration.ofSeconds(45));
    assertThat(batches(rpa).get(0).id()).as("the same id at every read").isEqualTo(batch.id());
    var status = rpa.pipeline().status();
    assertThat(status.intake().running()).isTrue();
    assertThat(status.intake().pendingJobs()).isZero();
    assertThat(status.limits())
        .isEqualTo(
            new PipelineStatus.BatchLimits(128, Duration.ofMinutes(15), Duration.ofSeconds(60)));

    release.countDown();
    await("the batch done", () -> batches(rpa).isEmpty());
  }

  @Test
  void an_orchestrator_without_a_handler_is_offline_and_its_jobs_wait_queued_until_one_runs_them()
      throws InterruptedException {
    Orchestrator queueOnly = started(builder("api").jobType("demo", "echo"));
    var ids =
        queueOnly
            .jobs()
            .submitAll(List.of(JobRequest.of("demo", "echo"), JobRequest.of("demo", "echo")));

    Degradation offline = queueOnly.pipeline().status().degradation();
    assertThat(offline.mode()).isEqualTo(Mode.OFFLINE);
    assertThat(offline.waitingByType()).containsExactly(Map.entry("demo.echo", 2L));
    assertThat(offline.availableFeatures()).containsExactly("job_intake", "push_wakeups");
    var health = queueOnly.fullHealth();
    assertThat(health.verdict().status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(health.verdict().message()).contains("executors unhealthy");
    assertThat(queueOnly.jobs().get(ids.get(0).id()).status()).isEqualTo(JobStatus.QUEUED);

    Orchestrator runner =
        started(builder("runner").handler("demo", "echo", ctx -> JobResult.success()));
    for (var submission : ids) {
      assertThat(runner.jobs().await(submission.id(), Duration.ofSeconds(15)).status())
          .isEqualTo(JobStatus.COMPLETED);
    }
    Degradation back = queueOnly.pipeline().status().degradation();
    assertThat(back.mode())
        .as("polling: a second orchestrator shares the store")
        .isEqualTo(Mode.DEGRADED);
    assertThat(back.inProcessExecutors()).isOne();
    assertThat(back.waitingByType()).isEmpty();
  }

  @Test
  void the_full_health_is_healthy_degraded_by_an_open_breaker_and_unhealthy_by_a_critical_one() {
    Orchestrator rpa = started(builder("solo").handler("demo", "echo", ctx -> JobResult.success()));
    var healthy = rpa.fullHealth();
    assertThat(healthy.verdict().status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(healthy.verdict().ready()).isTrue();
    assertThat(healthy.store().details()).containsEntry("engine", "H2").containsKey("version");
    assertThat(healthy.wakeups().details()).containsEntry("observer_type", "native");
    assertThat(healthy.loops())
        .extracting(loop -> loop.name())
        .contains("dispatcher", "service_prober");
    assertThat(rpa.pipeline().status().degradation().mode()).isEqualTo(Mode.NORMAL);

    rpa.breakers().breaker("portal-x").transitionToOpenState();
    var degraded = rpa.fullHealth();
    assertThat(degraded.verdict().status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(degraded.verdict().message()).contains("circuit_breakers degraded");
    assertThat(rpa.pipeline().status().degradation().reasons())
        .containsExactly("circuit breaker portal-x open");

    rpa.breakers()
        .breaker("ledger", BreakerOptions.custom().critical(true).build())
        .transitionToOpenState();
    var unhealthy = rpa.fullHealth();
    assertThat(unhealthy.verdict().status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(unhealthy.verdict().ready()).isFalse();
    assertThat(unhealthy.breakers().open()).isEqualTo(2);
  }

  private static List<ClaimBatch> batches(Orchestrator rpa) {
    return rpa.pipeline().status().batches();
  }

  private Orchestrator.Builder builder(String name) {
    return Orchestrator.builder()
        .database(database)
        .clock(clock)
        .executorName(name)
        .pollInterval(Duration.ofMillis(100));
  }

  private Orchestrator started(Orchestrator.Builder builder) {
    Orchestrator rpa = builder.build();
    opened.add(rpa);
    return rpa.start();
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out waiting for " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
