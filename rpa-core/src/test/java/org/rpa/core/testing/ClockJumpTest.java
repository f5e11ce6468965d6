package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobHandler;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;

/**
 * Two orchestrators on one database, each on its own clock, and one clock set an hour forward or
 * ten minutes back while a job runs: leases, timeouts and recurring jobs by what each instance can
 * trust. The running job is run inline by its orchestrator's dispatch pass, so the test acts on the
 * other instance from inside the handler, while the job is running.
 */
class ClockJumpTest {
  private static final Duration LEASE = Duration.ofSeconds(60);

  private final String database = "jdbc:h2:mem:clock-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final MutableClock runnerClock = MutableClock.at("2026-12-04T08:00:00Z");
  private final MutableClock otherClock = MutableClock.at("2026-12-04T08:00:00Z");
  private final AtomicReference<Runnable> whileRunning = new AtomicReference<>(() -> {});
  private ManualOrchestrator runner;
  private ManualOrchestrator other;

  @AfterEach
  void close() {
    if (runner != null) {
      runner.close();
    }
    if (other != null) {
      other.close();
    }
  }

  private ManualOrchestrator orchestrator(MutableClock clock) {
    JobHandler handler =
        ctx -> {
          whileRunning.getAndSet(() -> {}).run();
          return JobResult.success(Map.of("done", true));
        };
    return ManualOrchestrator.builder()
        .database(database)
        .clock(clock)
        .leaseLength(LEASE)
        .handler("mfn", "validation", handler)
        .build();
  }

  private void start() {
    runner = orchestrator(runnerClock);
    other = orchestrator(otherClock);
    runner.heartbeat();
    other.tick();
  }

  @Test
  void an_instance_whose_clock_jumps_an_hour_ahead_takes_no_running_job_from_a_live_one() {
    start();
    JobId id =
        runner.jobs().submit(JobRequest.of("mfn", "validation").timeout(Duration.ofMinutes(5)));
    whileRunning.set(
        () -> {
          otherClock.jump(Duration.ofHours(1));
          for (int i = 0; i < 12; i++) {
            // ten seconds pass for both; the runner renews its lease as its heartbeat would
            runnerClock.advance(Duration.ofSeconds(10));
            otherClock.advance(Duration.ofSeconds(10));
            runner.heartbeat();
            assertThat(other.tick()).as("what the other instance ran").isZero();
            assertThat(other.runRecovery().recovered()).isZero();
          }
        });

    assertThat(runner.runDispatch()).isEqualTo(1);

    assertThat(runner.jobs().get(id).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(runner.jobs().executions(id))
        .extracting(e -> e.status() + "@" + e.executor())
        .containsExactly(ExecutionStatus.SUCCESS + "@" + runner.executorId());
  }

  @Test
  void an_instance_whose_clock_is_set_ten_minutes_back_keeps_its_running_job() {
    start();
    JobId id = runner.jobs().submit(JobRequest.of("mfn", "validation"));
    whileRunning.set(
        () -> {
          runnerClock.jump(Duration.ofMinutes(-10));
          for (int i = 0; i < 12; i++) {
            runnerClock.advance(Duration.ofSeconds(10));
            otherClock.advance(Duration.ofSeconds(10));
            runner.heartbeat();
            assertThat(other.runRecovery().recovered())
                .as("a lease renewed ten minutes in the past by the other's clock")
                .isZero();
          }
        });

    assertThat(runner.runDispatch()).isEqualTo(1);

    assertThat(runner.jobs().executions(id))
        .extracting(e -> e.status() + "@" + e.executor())
        .containsExactly(ExecutionStatus.SUCCESS + "@" + runner.executorId());
  }

  @Test
  void a_dead_instance_whose_clock_ran_an_hour_ahead_has_its_jobs_taken_back_after_one_lease() {
    start();
    JobId id = runner.jobs().submit(JobRequest.of("mfn", "validation"));
    whileRunning.set(
        () -> {
          runnerClock.jump(Duration.ofHours(1));
          runner.heartbeat(); // its lease now ends an hour and a minute from now, by the other
          otherClock.advance(Duration.ofSeconds(1));
          assertThat(other.runRecovery().recovered()).isZero();
          // the runner dies here: it renews no more
          otherClock.advance(LEASE.minusSeconds(2));
          assertThat(other.runRecovery().recovered()).as("before a lease has passed").isZero();
          otherClock.advance(Duration.ofSeconds(2));
          assertThat(other.runRecovery().recovered()).as("a lease after the last renewal").isOne();
          assertThat(other.tick()).as("the retry, run by the survivor").isOne();
        });

    runner.runDispatch();

    // The runner's start was still in its write buffer: the job went back as claimed, unstarted.
    assertThat(other.jobs().get(id).status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(other.jobs().executions(id))
        .extracting(e -> e.status() + "@" + e.executor())
        .containsExactly(ExecutionStatus.SUCCESS + "@" + other.executorId());
  }

  @Test
  void a_clock_set_forward_times_out_no_execution_and_measures_none_by_the_jump() {
    start();
    JobId id =
        runner.jobs().submit(JobRequest.of("mfn", "validation").timeout(Duration.ofMinutes(5)));
    whileRunning.set(
        () -> {
          runnerClock.jump(Duration.ofHours(1));
          runnerClock.advance(Duration.ofSeconds(3));
          assertThat(runner.runTimeouts()).isZero();
        });

    runner.runDispatch();

    var execution = runner.jobs().executions(id).get(0);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.SUCCESS);
    assertThat(execution.duration()).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void a_recurring_job_runs_once_after_an_hour_forward_and_not_again_after_ten_minutes_back() {
    runner = orchestrator(runnerClock);
    JobId id =
        runner.jobs().submit(JobRequest.of("mfn", "validation").every(Duration.ofMinutes(5)));
    runnerClock.advance(Duration.ofMinutes(5));
    assertThat(runner.tick()).isOne();

    runnerClock.jump(Duration.ofHours(1));
    assertThat(runner.tick()).as("twelve fire times missed: one run").isOne();
    assertThat(runner.tick()).isZero();

    runnerClock.jump(Duration.ofMinutes(-10));
    runnerClock.advance(Duration.ofMinutes(10));
    assertThat(runner.tick()).as("back where it was: the occurrence ran already").isZero();
    runnerClock.advance(Duration.ofMinutes(5));
    assertThat(runner.tick()).as("the next fire time").isOne();

    List<Integer> occurrences =
        runner.jobs().executions(id).stream().map(e -> e.occurrence()).toList();
    assertThat(occurrences).containsExactly(1, 2, 3);
  }
}
