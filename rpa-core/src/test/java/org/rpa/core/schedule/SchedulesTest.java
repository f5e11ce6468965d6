package org.rpa.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.testing.MutableClock;

class SchedulesTest {
  private static final Instant START = Instant.parse("2025-08-01T10:30:00Z");
  private final MutableClock clock = MutableClock.at(START);
  private final Schedules schedules = new Schedules(clock);
  private final List<String> ran = new ArrayList<>();

  @Test
  void interval_task_first_runs_one_period_after_registration() {
    schedules.register("poll_job_queue", Trigger.every(Duration.ofSeconds(30)), record("poll"));

    assertThat(schedules.nextDueAt()).contains(START.plusSeconds(30));
    assertThat(schedules.runDue()).isZero();
    clock.advance(Duration.ofSeconds(30));
    assertThat(schedules.runDue()).isEqualTo(1);
    assertThat(schedules.status().jobs().get(0).nextRun()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void run_due_runs_only_the_due_tasks() {
    schedules.register("poll_job_queue", Trigger.every(Duration.ofSeconds(30)), record("poll"));
    schedules.register("collect_metrics", Trigger.every(Duration.ofMinutes(5)), record("metrics"));

    clock.advance(Duration.ofSeconds(30));
    assertThat(schedules.runDue()).isEqualTo(1);
    assertThat(ran).containsExactly("poll");
    assertThat(schedules.nextDueAt()).contains(START.plusSeconds(60));
  }

  @Test
  void on_time_runs_stay_on_the_fixed_grid() {
    schedules.register("poll_job_queue", Trigger.every(Duration.ofSeconds(30)), record("poll"));

    clock.advance(Duration.ofSeconds(31));
    schedules.runDue();

    assertThat(schedules.status().jobs().get(0).nextRun()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void missed_periods_run_once_then_next_run_is_one_period_after_now() {
    schedules.register("poll_job_queue", Trigger.every(Duration.ofSeconds(30)), record("poll"));

    Instant now = clock.advance(Duration.ofMinutes(10).plusSeconds(7));
    assertThat(schedules.runDue()).isEqualTo(1);
    assertThat(schedules.runDue()).isZero();

    assertThat(ran).containsExactly("poll");
    assertThat(schedules.status().jobs().get(0).nextRun()).isEqualTo(now.plusSeconds(30));
  }

  @Test
  void missed_cron_fires_run_once_then_next_fire_after_now() {
    ZoneId zone = ZoneId.of("Africa/Johannesburg");
    schedules.register("cleanup_old_evidence", Trigger.cron("0 2 * * *", zone), record("cleanup"));

    clock.set(Instant.parse("2025-08-05T12:00:00Z"));
    assertThat(schedules.runDue()).isEqualTo(1);

    assertThat(schedules.status().jobs().get(0).nextRun()).isEqualTo("2025-08-06T00:00:00Z");
  }

  @Test
  void a_throwing_task_is_isolated_and_counted() {
    schedules.register(
        "broken",
        Trigger.every(Duration.ofSeconds(30)),
        () -> {
          throw new IllegalStateException("database is down");
        });
    schedules.register("poll_job_queue", Trigger.every(Duration.ofSeconds(30)), record("poll"));

    clock.advance(Duration.ofSeconds(30));
    assertThat(schedules.runDue()).isEqualTo(2);

    TaskStatus broken = schedules.status().jobs().get(0);
    assertThat(ran).containsExactly("poll");
    assertThat(broken.lastError()).isEqualTo("database is down");
    assertThat(broken.runCount()).isEqualTo(1);
    assertThat(broken.failureCount()).isEqualTo(1);
    assertThat(broken.lastRun()).isEqualTo(START.plusSeconds(30));
    assertThat(broken.nextRun()).isEqualTo(START.plusSeconds(60));
  }

  @Test
  void reset_recomputes_next_runs_from_now_and_clears_errors() {
    schedules.register(
        "broken",
        Trigger.every(Duration.ofSeconds(30)),
        () -> {
          throw new IllegalStateException("boom");
        });
    clock.advance(Duration.ofSeconds(30));
    schedules.runDue();
    Instant now = clock.advance(Duration.ofSeconds(12));

    assertThat(schedules.reset()).isEqualTo(1);

    TaskStatus status = schedules.status().jobs().get(0);
    assertThat(status.nextRun()).isEqualTo(now.plusSeconds(30));
    assertThat(status.lastError()).isNull();
    assertThat(status.failureCount()).isZero();
  }

  @Test
  void status_renders_like_get_scheduler() {
    schedules.register("poll_job_queue", Trigger.every(Duration.ofSeconds(30)), record("poll"));
    schedules.setRunning(true);

    SchedulerStatus status = schedules.status();

    assertThat(status.running()).isTrue();
    assertThat(status.jobCount()).isEqualTo(1);
    TaskStatus job = status.jobs().get(0);
    assertThat(job.id()).isEqualTo("poll_job_queue");
    assertThat(job.function()).isEqualTo("poll_job_queue");
    assertThat(job.triggerDescription()).isEqualTo("interval[0:00:30]");
    assertThat(job.nextRun()).isEqualTo("2025-08-01T10:30:30Z");
    assertThat(job.lastRun()).isNull();
  }

  @Test
  void run_now_runs_without_moving_the_next_run() {
    schedules.register("poll_job_queue", Trigger.every(Duration.ofSeconds(30)), record("poll"));

    schedules.runNow("poll_job_queue");

    assertThat(ran).containsExactly("poll");
    assertThat(schedules.status().jobs().get(0).nextRun()).isEqualTo(START.plusSeconds(30));
    assertThatThrownBy(() -> schedules.runNow("nope")).isInstanceOf(NoSuchElementException.class);
  }

  @Test
  void a_refused_lock_skips_the_run_but_reschedules() {
    List<Instant> asked = new ArrayList<>();
    Schedules locked =
        new Schedules(
            clock,
            (name, until) -> {
              asked.add(until);
              return false;
            });
    locked.register("poll_job_queue", Trigger.every(Duration.ofSeconds(30)), record("poll"));

    clock.advance(Duration.ofSeconds(30));

    assertThat(locked.runDue()).isZero();
    assertThat(ran).isEmpty();
    assertThat(asked).containsExactly(START.plusSeconds(60));
    assertThat(locked.nextDueAt()).contains(START.plusSeconds(60));
  }

  @Test
  void names_are_checked_and_unique() {
    schedules.register("poll_job_queue", Trigger.every(Duration.ofSeconds(30)), record("poll"));

    assertThatThrownBy(
            () ->
                schedules.register(
                    "poll_job_queue", Trigger.every(Duration.ofSeconds(5)), record("x")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> schedules.register("Poll", Trigger.every(Duration.ofSeconds(5)), record("x")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("name");
  }

  private BackgroundTask record(String label) {
    return () -> ran.add(label);
  }
}
