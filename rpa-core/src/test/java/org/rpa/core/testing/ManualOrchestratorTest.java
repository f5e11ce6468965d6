package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rpa.core.job.JobStatus.CANCELLED;
import static org.rpa.core.job.JobStatus.COMPLETED;
import static org.rpa.core.job.JobStatus.FAILED;
import static org.rpa.core.job.JobStatus.QUEUED;
import static org.rpa.core.job.JobStatus.SCHEDULED;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.StepOutcome;
import org.rpa.core.recovery.RetryPolicy;

class ManualOrchestratorTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final AtomicInteger calls = new AtomicInteger();
  private ManualOrchestrator rpa;

  private ManualOrchestrator.Builder builder() {
    return ManualOrchestrator.builder()
        .database(H2.memory())
        .clock(clock)
        .retryPolicy(
            RetryPolicy.ofDefaults()
                .withBackoff(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1))
                .withJitter(0.0));
  }

  @AfterEach
  void close() {
    if (rpa != null) {
      rpa.close();
    }
  }

  @Test
  void a_submitted_job_runs_on_the_next_tick_and_completes_with_its_result() {
    rpa = builder().handler("demo", "echo", ctx -> JobResult.success(ctx.params())).build();
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo").param("x", 1));
    assertThat(rpa.jobs().get(id).status()).isEqualTo(QUEUED);

    assertThat(rpa.tick()).isEqualTo(1);

    var job = rpa.jobs().get(id);
    JobAssert.assertThat(job).hasStatus(COMPLETED).hasAttempts(1);
    assertThat(job.result()).containsEntry("x", 1);
    var executions = rpa.jobs().executions(id);
    assertThat(executions)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
              assertThat(e.executor()).isEqualTo(rpa.executorId());
            });
  }

  @Test
  void a_technical_failure_is_retried_after_the_backoff_and_then_succeeds() {
    rpa =
        builder()
            .handler(
                "demo",
                "flaky",
                ctx ->
                    calls.incrementAndGet() == 1
                        ? JobResult.technicalFailure("PortalDown", "502 from portal")
                        : JobResult.success())
            .build();
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "flaky"));

    rpa.tick();
    var waiting = rpa.jobs().get(id);
    JobAssert.assertThat(waiting).hasStatus(SCHEDULED).hasAttempts(1).hasErrorType("PortalDown");
    assertThat(waiting.isWaitingForRetry()).isTrue();
    assertThat(waiting.runAt()).isEqualTo(clock.instant().plusSeconds(2));

    clock.advance(Duration.ofMillis(1999));
    assertThat(rpa.tick()).isZero();
    clock.advance(Duration.ofMillis(1));
    assertThat(rpa.tick()).isEqualTo(1);

    JobAssert.assertThat(rpa.jobs().get(id)).hasStatus(COMPLETED).hasAttempts(2);
    assertThat(rpa.jobs().executions(id))
        .extracting(e -> e.status())
        .containsExactly(ExecutionStatus.FAILED, ExecutionStatus.SUCCESS);
  }

  @Test
  void backoff_doubles_and_the_job_fails_after_its_last_attempt() {
    rpa =
        builder()
            .handler(
                "demo",
                "broken",
                ctx -> {
                  throw new IllegalStateException("browser crashed");
                })
            .build();
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "broken").maxAttempts(3));

    rpa.tick();
    assertThat(rpa.jobs().get(id).runAt()).isEqualTo(clock.instant().plusSeconds(2));
    clock.advance(Duration.ofSeconds(2));
    rpa.tick();
    assertThat(rpa.jobs().get(id).runAt()).isEqualTo(clock.instant().plusSeconds(4));
    clock.advance(Duration.ofSeconds(4));
    rpa.tick();

    JobAssert.assertThat(rpa.jobs().get(id))
        .hasStatus(FAILED)
        .hasAttempts(3)
        .hasErrorType("IllegalStateException");
    assertThat(rpa.jobs().get(id).finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void a_business_failure_is_never_retried() {
    rpa =
        builder()
            .handler(
                "mfn",
                "validation",
                ctx -> {
                  calls.incrementAndGet();
                  return JobResult.businessFailure("CircuitNotFound", "circuit ABC123 not found");
                })
            .build();
    JobId id = rpa.jobs().submit(JobRequest.of("mfn", "validation").maxAttempts(5));

    rpa.tick();
    clock.advance(Duration.ofHours(1));
    rpa.tick();

    JobAssert.assertThat(rpa.jobs().get(id))
        .hasStatus(FAILED)
        .hasAttempts(1)
        .hasErrorType("CircuitNotFound");
    assertThat(calls).hasValue(1);
  }

  @Test
  void an_execution_that_outlives_its_timeout_ends_as_timeout_and_is_retried() {
    rpa =
        builder()
            .handler(
                "demo",
                "slow",
                ctx -> {
                  if (calls.incrementAndGet() == 1) {
                    clock.advance(Duration.ofSeconds(31));
                  }
                  return JobResult.success();
                })
            .build();
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "slow").timeout(Duration.ofSeconds(30)));

    rpa.tick();
    JobAssert.assertThat(rpa.jobs().get(id)).hasStatus(SCHEDULED).hasErrorType("Timeout");
    assertThat(rpa.jobs().executions(id))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.TIMEOUT));

    clock.advance(Duration.ofSeconds(2));
    rpa.tick();
    JobAssert.assertThat(rpa.jobs().get(id)).hasStatus(COMPLETED).hasAttempts(2);
  }

  @Test
  void a_delayed_job_waits_for_its_run_at() {
    rpa = builder().handler("demo", "echo", ctx -> JobResult.success()).build();
    JobId id =
        rpa.jobs().submit(JobRequest.of("demo", "echo").runAt(clock.instant().plusSeconds(60)));
    assertThat(rpa.jobs().get(id).status()).isEqualTo(SCHEDULED);

    assertThat(rpa.tick()).isZero();
    clock.advance(Duration.ofSeconds(60));
    assertThat(rpa.tick()).isEqualTo(1);
    JobAssert.assertThat(rpa.jobs().get(id)).hasStatus(COMPLETED);
  }

  @Test
  void a_job_not_started_by_its_deadline_fails_as_expired() {
    rpa = builder().handler("demo", "echo", ctx -> JobResult.success()).build();
    JobId id =
        rpa.jobs()
            .submit(
                JobRequest.of("demo", "echo")
                    .runAt(clock.instant().plusSeconds(60))
                    .deadline(clock.instant().plusSeconds(90)));

    clock.advance(Duration.ofSeconds(120));
    rpa.tick();

    JobAssert.assertThat(rpa.jobs().get(id))
        .hasStatus(FAILED)
        .hasErrorType("DeadlineExpired")
        .hasAttempts(0);
    assertThat(rpa.jobs().executions(id)).isEmpty();
  }

  @Test
  void higher_priority_runs_first() {
    var order = new ArrayList<String>();
    rpa =
        builder()
            .batchSize(1)
            .handler(
                "demo",
                "echo",
                ctx -> {
                  order.add((String) ctx.params().get("name"));
                  return JobResult.success();
                })
            .build();
    rpa.jobs().submit(JobRequest.of("demo", "echo").param("name", "low").priority(-5));
    rpa.jobs().submit(JobRequest.of("demo", "echo").param("name", "normal"));
    rpa.jobs().submit(JobRequest.of("demo", "echo").param("name", "urgent").priority(10));

    rpa.tick();

    assertThat(order).containsExactly("urgent", "normal", "low");
  }

  @Test
  void a_queued_job_can_be_cancelled_and_never_runs() {
    rpa =
        builder()
            .handler(
                "demo",
                "echo",
                ctx -> {
                  calls.incrementAndGet();
                  return JobResult.success();
                })
            .build();
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo"));

    JobAssert.assertThat(rpa.jobs().cancel(id)).hasStatus(CANCELLED);
    rpa.tick();

    assertThat(calls).hasValue(0);
    JobAssert.assertThat(rpa.jobs().get(id)).hasStatus(CANCELLED);
  }

  @Test
  void steps_are_recorded_with_the_execution() {
    rpa =
        builder()
            .handler(
                "demo",
                "steps",
                ctx -> {
                  ctx.steps().record("open portal", StepOutcome.PASSED, Duration.ofMillis(120));
                  ctx.steps()
                      .record(
                          "click search",
                          StepOutcome.HEALED,
                          Duration.ofMillis(40),
                          Map.of("locator", "css:#search-2"));
                  return JobResult.success();
                })
            .build();
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "steps"));

    rpa.tick();

    var steps = rpa.jobs().steps(id, 1);
    assertThat(steps).extracting(s -> s.name()).containsExactly("open portal", "click search");
    assertThat(steps.get(1).outcome()).isEqualTo(StepOutcome.HEALED);
    assertThat(steps.get(1).details()).containsEntry("locator", "css:#search-2");
  }

  @Test
  void each_transition_publishes_exactly_one_event_after_commit() {
    rpa = builder().handler("demo", "echo", ctx -> JobResult.success()).build();
    var events = new ArrayList<String>();
    rpa.events().subscribe(JobStateChanged.class, e -> events.add(e.type()));

    rpa.jobs().submit(JobRequest.of("demo", "echo"));
    rpa.tick();

    assertThat(events)
        .containsExactly("job.created", "job.claimed", "job.running", "job.completed");
  }

  @Test
  void the_idempotency_key_and_the_reference_return_the_first_job() {
    rpa = builder().handler("demo", "echo", ctx -> JobResult.success()).build();
    var first = rpa.jobs().submitTracked(JobRequest.of("demo", "echo").idempotencyKey("k-1"));
    var again = rpa.jobs().submitTracked(JobRequest.of("demo", "echo").idempotencyKey("k-1"));
    var byRef = rpa.jobs().submitTracked(JobRequest.of("demo", "echo").reference("CIRCUIT-9"));
    var byRefAgain = rpa.jobs().submitTracked(JobRequest.of("demo", "echo").reference("CIRCUIT-9"));
    var batch =
        rpa.jobs()
            .submitAll(
                List.of(
                    JobRequest.of("demo", "echo").idempotencyKey("k-2"),
                    JobRequest.of("demo", "echo").idempotencyKey("k-2"),
                    JobRequest.of("demo", "echo").idempotencyKey("k-1")));

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(byRefAgain.id()).isEqualTo(byRef.id());
    assertThat(byRefAgain.created()).isFalse();
    assertThat(batch.get(0).created()).isTrue();
    assertThat(batch.get(1).id()).isEqualTo(batch.get(0).id());
    assertThat(batch.get(1).created()).isFalse();
    assertThat(batch.get(2).id()).isEqualTo(first.id());
    assertThat(rpa.jobs().countByStatus().get(QUEUED)).isEqualTo(3);
  }
}
