package org.rpa.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.schedule.TaskStatus;

/** The five documented background tasks and recurring jobs, driven by the clock alone. */
class BackgroundTasksTest {
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:10Z");
  private final AtomicInteger runs = new AtomicInteger();
  private final ManualOrchestrator rpa =
      ManualOrchestrator.builder()
          .database(H2.memory())
          .clock(clock)
          .scheduleZone(ZoneOffset.UTC)
          .jobRetention(Duration.ofDays(90))
          .handler(
              "demo",
              "echo",
              ctx -> {
                runs.incrementAndGet();
                return JobResult.success();
              })
          .build();

  @AfterEach
  void close() {
    rpa.close();
  }

  @Test
  void the_five_documented_tasks_are_registered_with_their_triggers_and_next_runs() {
    var status = rpa.schedules().status();

    assertThat(status.jobCount()).isEqualTo(5);
    assertThat(status.jobs())
        .extracting(TaskStatus::id, TaskStatus::triggerDescription, TaskStatus::nextRun)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "poll_job_queue", "interval[0:00:30]", Instant.parse("2026-01-01T00:00:40Z")),
            org.assertj.core.groups.Tuple.tuple(
                "collect_metrics", "interval[0:05:00]", Instant.parse("2026-01-01T00:05:10Z")),
            org.assertj.core.groups.Tuple.tuple(
                "cleanup_old_evidence",
                "cron[0 2 * * *, Z]",
                Instant.parse("2026-01-01T02:00:00Z")),
            org.assertj.core.groups.Tuple.tuple(
                "recover_stale_jobs", "interval[0:10:00]", Instant.parse("2026-01-01T00:10:10Z")),
            org.assertj.core.groups.Tuple.tuple(
                "poll_worker_job_status",
                "interval[0:00:30]",
                Instant.parse("2026-01-01T00:00:40Z")));
  }

  @Test
  void the_daily_cleanup_deletes_jobs_that_finished_before_the_retention_period() {
    JobId old = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    rpa.tick();
    clock.advance(Duration.ofDays(80));
    JobId recent = rpa.jobs().submit(JobRequest.of("demo", "echo"));
    rpa.tick();
    JobId waiting =
        rpa.jobs()
            .submit(
                JobRequest.of("demo", "echo").runAt(clock.instant().plus(Duration.ofDays(365))));

    clock.set(Instant.parse("2026-03-31T02:00:00Z"));
    rpa.runSchedules();
    assertThat(rpa.jobs().find(old)).as("finished 89 days ago").isPresent();

    clock.set(Instant.parse("2026-04-01T02:00:00Z"));
    rpa.runSchedules();

    assertThat(rpa.jobs().find(old)).as("finished 90 days and 2 hours ago").isEmpty();
    assertThat(rpa.jobs().find(recent)).as("finished 10 days ago").isPresent();
    assertThat(rpa.jobs().find(waiting)).as("not finished").isPresent();
    assertThat(rpa.schedules().status().jobs().get(2).nextRun())
        .isEqualTo(Instant.parse("2026-04-02T02:00:00Z"));
  }

  @Test
  void a_recurring_job_runs_on_its_trigger_and_a_long_outage_costs_one_run_not_many() {
    JobId id = rpa.jobs().submit(JobRequest.of("demo", "echo").every(Duration.ofHours(1)));
    assertThat(rpa.jobs().get(id).runAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));

    clock.advance(Duration.ofHours(1));
    rpa.tick();
    var afterFirst = rpa.jobs().get(id);
    assertThat(afterFirst.status()).isEqualTo(JobStatus.SCHEDULED);
    assertThat(afterFirst.occurrence()).isEqualTo(2);
    assertThat(afterFirst.attempts()).isZero();

    clock.advance(Duration.ofHours(5));
    rpa.tick();
    rpa.tick();

    assertThat(runs).hasValue(2);
    var job = rpa.jobs().get(id);
    assertThat(job.runAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    assertThat(rpa.jobs().executions(id))
        .extracting(e -> e.occurrence() + ":" + e.status())
        .containsExactly("1:" + ExecutionStatus.SUCCESS, "2:" + ExecutionStatus.SUCCESS);
  }

  @Test
  void a_cron_recurring_job_fires_at_its_local_time() {
    JobId id =
        rpa.jobs()
            .submit(
                JobRequest.of("demo", "echo")
                    .cron("30 8 * * *", java.time.ZoneId.of("Africa/Johannesburg")));
    assertThat(rpa.jobs().get(id).runAt()).isEqualTo(Instant.parse("2026-01-01T06:30:00Z"));
  }

  @Test
  void the_daily_cleanup_deletes_metrics_snapshots_older_than_the_retention() {
    clock.advance(Duration.ofMinutes(5));
    rpa.runSchedules();
    Instant first = clock.instant();
    clock.advance(Duration.ofDays(89));
    rpa.runSchedules();
    Instant second = clock.instant();

    assertThat(snapshotTimes()).as("89 days old: kept").containsExactly(second, first);

    clock.advance(Duration.ofDays(2));
    rpa.runSchedules();

    assertThat(snapshotTimes()).containsExactly(clock.instant(), second);
  }

  private List<Instant> snapshotTimes() {
    return rpa.metrics().history().newestFirst(Instant.EPOCH, clock.instant()).stream()
        .map(org.rpa.core.metrics.Snapshot::timestamp)
        .toList();
  }

  @Test
  void collect_metrics_records_seed_000s_four_counters_every_five_minutes() {
    rpa.jobs().submit(JobRequest.of("demo", "echo"));
    rpa.jobs().submit(JobRequest.of("demo", "echo").runAt(clock.instant().plusSeconds(3600)));
    rpa.tick();

    clock.advance(Duration.ofMinutes(5));
    rpa.runSchedules();
    rpa.jobs().submit(JobRequest.of("demo", "echo"));
    clock.advance(Duration.ofMinutes(5));
    rpa.runSchedules();

    var history = rpa.metrics().recent(Duration.ofHours(24));
    assertThat(history).hasSize(2);
    assertThat(history.get(0).queuedJobs()).isEqualTo(2);
    assertThat(history.get(1).queuedJobs()).isEqualTo(1);
    assertThat(history.get(1).completedJobs()).isEqualTo(1);
    assertThat(history.get(0).timestamp()).isEqualTo(clock.instant());
    assertThat(org.rpa.core.metrics.Averages.of(history).queuedJobs()).isEqualTo(1.5);
    var durations = rpa.metrics().executionDurations(Duration.ofHours(1));
    assertThat(durations.count()).isEqualTo(1);
    var live = rpa.metrics().live().view();
    assertThat(live.submitted()).isEqualTo(3);
    assertThat(live.succeeded()).isEqualTo(1);
  }

  @Test
  void reset_recreates_every_task_from_now() {
    clock.advance(Duration.ofMinutes(3));
    assertThat(rpa.schedules().reset()).isEqualTo(5);
    assertThat(rpa.schedules().status().jobs().get(0).nextRun())
        .isEqualTo(clock.instant().plusSeconds(30));
  }
}
