package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rpa.core.testing.JobAssert.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobContext;
import org.rpa.core.job.JobGate;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.metrics.Gauge;

/** The hooks modules use: a gate that holds jobs, work after a task, extra gauges. */
class HooksTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:10Z");
  private final AtomicReference<Instant> closedAt = new AtomicReference<>();
  private final AtomicInteger runs = new AtomicInteger();
  private final List<String> cleanups = new ArrayList<>();

  /** A handler whose downstream service is down until {@code closedAt}. */
  private final class Portal implements JobHandler, JobGate {
    @Override
    public Optional<Instant> holdUntil(String provider, String action, Instant now) {
      Instant until = closedAt.get();
      return until != null && now.isBefore(until) ? Optional.of(until) : Optional.empty();
    }

    @Override
    public JobResult handle(JobContext context) {
      runs.incrementAndGet();
      return JobResult.success();
    }
  }

  private final ManualOrchestrator rpa =
      ManualOrchestrator.builder()
          .database(H2.memory())
          .clock(clock)
          .scheduleZone(ZoneOffset.UTC)
          .handler("portal", "check", new Portal())
          .onBackgroundTask("cleanup_old_evidence", () -> cleanups.add("first"))
          .onBackgroundTask("cleanup_old_evidence", () -> cleanups.add("second"))
          .gauge("rpa_test_ratio", "A ratio for the test.", () -> 0.75)
          .build();

  @AfterEach
  void close() {
    rpa.close();
  }

  @Test
  void a_held_job_waits_in_the_queue_without_spending_an_attempt_and_runs_after_the_hold() {
    closedAt.set(clock.instant().plus(Duration.ofSeconds(30)));
    JobId id = rpa.jobs().submit(JobRequest.of("portal", "check").maxAttempts(1));

    rpa.tick();
    assertThat(rpa.jobs().get(id)).hasStatus(JobStatus.SCHEDULED).hasAttempts(0);
    assertThat(rpa.jobs().get(id).runAt()).isEqualTo(closedAt.get());
    assertThat(runs).hasValue(0);

    clock.advance(Duration.ofSeconds(29));
    rpa.tick();
    assertThat(rpa.jobs().get(id)).hasStatus(JobStatus.SCHEDULED).hasAttempts(0);

    clock.advance(Duration.ofSeconds(1));
    rpa.tick();
    assertThat(rpa.jobs().get(id)).hasStatus(JobStatus.COMPLETED).hasAttempts(1);
    assertThat(runs).hasValue(1);
    assertThat(rpa.jobs().executions(id)).hasSize(1);
  }

  @Test
  void a_gate_that_names_a_past_instant_lets_the_job_run() {
    closedAt.set(clock.instant());
    JobId id = rpa.jobs().submit(JobRequest.of("portal", "check"));
    rpa.tick();
    assertThat(rpa.jobs().get(id)).hasStatus(JobStatus.COMPLETED).hasAttempts(1);
  }

  @Test
  void work_added_to_a_background_task_runs_after_it_in_order() {
    clock.set(Instant.parse("2026-01-01T02:00:00Z"));
    rpa.runSchedules();
    assertThat(cleanups).containsExactly("first", "second");
    rpa.schedules().runNow("cleanup_old_evidence");
    assertThat(cleanups).containsExactly("first", "second", "first", "second");
  }

  @Test
  void work_for_an_unknown_task_is_refused() {
    assertThatThrownBy(() -> ManualOrchestrator.builder().onBackgroundTask("nightly", () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nightly");
  }

  @Test
  void added_gauges_are_read_from_the_metrics() {
    assertThat(rpa.metrics().gauges())
        .singleElement()
        .satisfies(
            gauge -> {
              assertThat(gauge.name()).isEqualTo("rpa_test_ratio");
              assertThat(gauge.read()).isEqualTo(0.75);
            });
    assertThatThrownBy(() -> new Gauge("bad name", "x", () -> 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
