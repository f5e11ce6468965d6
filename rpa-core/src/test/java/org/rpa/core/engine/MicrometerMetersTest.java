package org.rpa.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.StoreException;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.metrics.CachedRead;
import org.rpa.core.metrics.Gauge;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.ManualOrchestrator;
import org.rpa.core.testing.MutableClock;

/** Real jobs on H2 publish to a Micrometer registry: counters per outcome, timers, gauges. */
class MicrometerMetersTest {
  private final MutableClock clock = MutableClock.at("2026-04-01T08:00:00Z");
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private ManualOrchestrator rpa;

  @AfterEach
  void close() {
    if (rpa != null) {
      rpa.close();
    }
  }

  private ManualOrchestrator build() {
    rpa =
        ManualOrchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .meterRegistry(registry)
            .handler("demo", "ok", ctx -> JobResult.success())
            .handler("demo", "refused", ctx -> JobResult.businessFailure("Refused", "no"))
            .handler("demo", "crash", ctx -> JobResult.technicalFailure("Crash", "lost"))
            .handler(
                "demo",
                "slow",
                ctx -> {
                  // Runs inline: six seconds pass by the clock while the handler works.
                  clock.advance(Duration.ofSeconds(6));
                  return JobResult.success();
                })
            .jobType("remote", "only")
            .gauge("rpa_test_level", "A level a module reports.", () -> 7)
            .build();
    return rpa;
  }

  private double executions(String type, String outcome) {
    return registry
        .get("rpa.executions")
        .tag("job_type", type)
        .tag("outcome", outcome)
        .counter()
        .count();
  }

  private Timer timer(String name, String type) {
    return registry.get(name).tag("job_type", type).timer();
  }

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void executions_count_per_job_type_and_outcome_and_time_their_wait_and_run() {
    build();
    rpa.jobs().submit(JobRequest.of("demo", "ok"));
    rpa.jobs().submit(JobRequest.of("demo", "ok"));
    rpa.jobs().submit(JobRequest.of("demo", "refused").maxAttempts(1));
    rpa.jobs().submit(JobRequest.of("demo", "crash").maxAttempts(2));
    rpa.tick();
    // The crash's retry is due after its backoff (2 s, give or take 20 %); it starts at 3 s.
    clock.advance(Duration.ofSeconds(3));
    rpa.tick();
    rpa.jobs().submit(JobRequest.of("demo", "slow").timeout(Duration.ofSeconds(5)).maxAttempts(1));
    rpa.tick();
    JobId later =
        rpa.jobs().submit(JobRequest.of("demo", "ok").runAt(clock.instant().plusSeconds(60)));
    rpa.jobs().cancel(later);
    rpa.jobs().submit(JobRequest.of("demo", "ok").deadline(clock.instant().plusSeconds(1)));
    clock.advance(Duration.ofSeconds(2));
    rpa.tick();

    assertThat(executions("demo.ok", "success")).isEqualTo(2);
    assertThat(executions("demo.refused", "business_failure")).isEqualTo(1);
    assertThat(executions("demo.crash", "technical_failure")).isEqualTo(2);
    assertThat(executions("demo.slow", "timeout")).isEqualTo(1);
    assertThat(executions("demo.ok", "cancelled")).isEqualTo(1);
    assertThat(executions("demo.ok", "expired")).isEqualTo(1);
    assertThat(executions("demo.ok", "technical_failure")).isZero();
    assertThat(executions("demo.slow", "success")).isZero();
    // Every known job type has its series from the start, zero included.
    assertThat(executions("remote.only", "success")).isZero();

    Timer slow = timer("rpa.job.execution", "demo.slow");
    assertThat(slow.count()).isEqualTo(1);
    assertThat(slow.totalTime(TimeUnit.SECONDS)).isEqualTo(6.0);
    assertThat(timer("rpa.job.execution", "demo.ok").count()).isEqualTo(2);
    assertThat(timer("rpa.job.execution", "demo.crash").count()).isEqualTo(2);
    // Queue wait: one per start. The retry started 3 s after the failure, its backoff after it.
    assertThat(timer("rpa.job.queue.wait", "demo.ok").count()).isEqualTo(2);
    Timer crashWait = timer("rpa.job.queue.wait", "demo.crash");
    assertThat(crashWait.count()).isEqualTo(2);
    assertThat(crashWait.max(TimeUnit.MILLISECONDS)).isBetween(600.0, 1400.0);
    assertThat(timer("rpa.job.queue.wait", "demo.slow").count()).isEqualTo(1);
    assertThat(registry.find("rpa.job.queue.wait").tag("job_type", "remote.only").timer())
        .as("a job type's timers appear with its first record")
        .isNull();
    Timer claims = registry.get("rpa.dispatch.claim").tag("kind", "local").timer();
    assertThat(claims.count()).isGreaterThanOrEqualTo(4);
    assertThat(claims.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    assertThat(registry.get("rpa.dispatch.claim").tag("kind", "remote").timer().count()).isZero();

    assertThat(counter("rpa.jobs.submitted")).isEqualTo(7);
    assertThat(counter("rpa.jobs.started")).isEqualTo(6);
    assertThat(counter("rpa.jobs.succeeded")).isEqualTo(2);
    assertThat(counter("rpa.jobs.retried")).isEqualTo(1);
    // The refusal, the crash's last attempt and the timeout; an expiry is counted apart.
    assertThat(counter("rpa.jobs.failed")).isEqualTo(3);
    assertThat(counter("rpa.jobs.recovered")).isZero();
    assertThat(counter("rpa.submit.calls")).as("one thread's submits, one by one").isEqualTo(7);
    assertThat(counter("rpa.submit.commits")).isEqualTo(7);
  }

  @Test
  void prometheus_renders_the_meters_with_rpa_names_and_histogram_buckets() {
    var prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (var rpa =
        ManualOrchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .meterRegistry(prometheus)
            .handler("demo", "ok", ctx -> JobResult.success())
            .build()) {
      rpa.jobs().submit(JobRequest.of("demo", "ok"));
      clock.advance(Duration.ofMillis(1500));
      rpa.tick();

      String text = prometheus.scrape();

      assertThat(text)
          .contains("rpa_jobs_submitted_total 1.0")
          .contains("rpa_jobs_succeeded_total 1.0")
          .contains("rpa_executions_total{job_type=\"demo.ok\",outcome=\"success\"} 1.0")
          .contains("rpa_executions_total{job_type=\"demo.ok\",outcome=\"expired\"} 0.0")
          .contains("# TYPE rpa_job_queue_wait_seconds histogram")
          .contains("rpa_job_queue_wait_seconds_bucket{job_type=\"demo.ok\",le=\"+Inf\"} 1")
          .contains("rpa_job_queue_wait_seconds_sum{job_type=\"demo.ok\"} 1.5")
          .contains("rpa_job_execution_seconds_count{job_type=\"demo.ok\"} 1")
          .contains("rpa_dispatch_claim_seconds_count{kind=\"local\"}")
          .contains("rpa_jobs{status=\"completed\"} 1.0")
          .contains("rpa_uptime_seconds 1.5");
      assertThat(text.lines().filter(l -> l.startsWith("rpa_job_queue_wait_seconds_bucket")))
          .hasSizeGreaterThan(50);
    }
    assertThat(prometheus.scrape()).doesNotContain("rpa_");
  }

  @Test
  void a_job_queued_for_three_seconds_waits_three_seconds() {
    build();
    rpa.jobs().submit(JobRequest.of("demo", "ok"));
    clock.advance(Duration.ofSeconds(3));
    rpa.tick();

    Timer wait = timer("rpa.job.queue.wait", "demo.ok");
    assertThat(wait.count()).isEqualTo(1);
    assertThat(wait.totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
  }

  private double counter(String name) {
    FunctionCounter counter = registry.get(name).functionCounter();
    return counter.count();
  }

  @Test
  void gauges_read_the_store_at_most_once_per_ttl_by_the_clock() {
    build();
    rpa.jobs().submit(JobRequest.of("demo", "ok"));
    rpa.jobs().submit(JobRequest.of("demo", "ok"));
    rpa.tick();
    rpa.jobs().submit(JobRequest.of("demo", "ok"));
    rpa.jobs().submit(JobRequest.of("demo", "refused").runAt(clock.instant().plusSeconds(600)));

    assertThat(gauge("rpa.jobs", "status", "completed")).isEqualTo(2);
    assertThat(gauge("rpa.jobs", "status", "queued")).isEqualTo(1);
    assertThat(gauge("rpa.jobs", "status", "scheduled")).isEqualTo(1);
    assertThat(gauge("rpa.jobs", "status", "running")).isZero();
    assertThat(gauge("rpa.queue.depth")).isEqualTo(1);
    assertThat(gauge("rpa.executors.online")).isEqualTo(1);
    assertThat(gauge("rpa.scheduler.running")).isEqualTo(1);
    assertThat(gauge("rpa_test_level")).isEqualTo(7);

    rpa.tick();
    assertThat(gauge("rpa.jobs", "status", "completed"))
        .as("read again only once the TTL has passed by the clock")
        .isEqualTo(2);
    assertThat(gauge("rpa.queue.depth")).isEqualTo(1);
    clock.advance(MicrometerMeters.STORE_READ_TTL);

    assertThat(gauge("rpa.jobs", "status", "completed")).isEqualTo(3);
    assertThat(gauge("rpa.queue.depth")).isZero();
    Map<JobStatus, Long> counts = rpa.jobs().countByStatus();
    for (JobStatus status : JobStatus.values()) {
      assertThat(gauge("rpa.jobs", "status", status.name().toLowerCase(java.util.Locale.ROOT)))
          .as(status.name())
          .isEqualTo(counts.get(status).doubleValue());
    }
  }

  @Test
  void uptime_follows_the_clock_and_gauges_added_later_join() {
    build();
    clock.advance(Duration.ofMinutes(90));
    rpa.metrics().gauge(new Gauge("rpa_late_gauge", "Added after build.", () -> 0.25));

    assertThat(registry.get("rpa.uptime").timeGauge().value(TimeUnit.SECONDS)).isEqualTo(5400);
    assertThat(gauge("rpa_late_gauge")).isEqualTo(0.25);
    assertThat(registry.get("rpa_late_gauge").gauge().getId().getDescription())
        .isEqualTo("Added after build.");
  }

  @Test
  void a_store_read_is_reused_until_its_ttl_has_passed_and_a_failed_one_gives_no_value() {
    var reads = new AtomicInteger();
    var failing = new AtomicBoolean();
    var read =
        new CachedRead<>(
            clock,
            MicrometerMeters.STORE_READ_TTL,
            "test",
            () -> {
              reads.incrementAndGet();
              if (failing.get()) {
                throw new StoreException("count", new SQLException("gone"));
              }
              return reads.get();
            });

    assertThat(read.get()).isEqualTo(1);
    clock.advance(MicrometerMeters.STORE_READ_TTL.minusMillis(1));
    assertThat(read.get()).isEqualTo(1);
    clock.advance(Duration.ofMillis(1));
    assertThat(read.get()).isEqualTo(2);
    clock.advance(Duration.ofSeconds(-10));
    assertThat(read.get()).as("a clock that went back reads again").isEqualTo(3);
    failing.set(true);
    clock.advance(MicrometerMeters.STORE_READ_TTL);
    assertThat(read.get()).isNull();
    assertThat(read.get()).isNull();
    assertThat(reads).as("a failure is not retried before the TTL").hasValue(4);
    failing.set(false);
    clock.advance(MicrometerMeters.STORE_READ_TTL);
    assertThat(read.get()).isEqualTo(5);
  }

  @Test
  void a_module_gauge_that_throws_reads_nan_and_close_removes_every_meter() {
    build();
    rpa.metrics()
        .gauge(
            new Gauge(
                "rpa_broken_gauge",
                "Throws.",
                () -> {
                  throw new IllegalStateException("broken");
                }));
    assertThat(gauge("rpa_broken_gauge")).isNaN();
    assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).contains("rpa.jobs");

    rpa.close();
    rpa = null;

    assertThat(registry.getMeters()).extracting(Meter::getId).isEmpty();
  }

  @Test
  void the_threaded_orchestrator_reports_callbacks_not_delivered_yet() throws Exception {
    var refused = new CountDownLatch(1);
    var answer = new AtomicReference<>(503);
    try (var threaded =
        Orchestrator.builder()
            .database(H2.memory())
            .clock(clock)
            .meterRegistry(registry)
            .handler("demo", "ok", ctx -> JobResult.success())
            .callbacks(
                new org.rpa.core.outbox.CallbackTransport() {
                  @Override
                  public String url() {
                    return "http://127.0.0.1:9/callbacks";
                  }

                  @Override
                  public int send(String idempotencyKey, String payload) {
                    refused.countDown();
                    return answer.get();
                  }
                },
                Duration.ofSeconds(30))
            .build()) {
      assertThat(gauge("rpa.callbacks.pending")).isZero();
      threaded.start();
      threaded.jobs().submit(JobRequest.of("demo", "ok"));

      assertThat(refused.await(10, TimeUnit.SECONDS)).isTrue();
      clock.advance(MicrometerMeters.STORE_READ_TTL);

      assertThat(gauge("rpa.callbacks.pending")).isEqualTo(1);
      assertThat(executions("demo.ok", "success")).isEqualTo(1);
      Counter counter = registry.get("rpa.executions").tag("outcome", "success").counter();
      assertThat(counter.getId().getTag("job_type")).isEqualTo("demo.ok");
    }
    assertThat(registry.getMeters()).isEmpty();
  }
}
