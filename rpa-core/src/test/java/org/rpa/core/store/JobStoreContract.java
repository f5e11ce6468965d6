package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.StoreException;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.Healing;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobQuery;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Page;
import org.rpa.core.job.Step;
import org.rpa.core.job.StepOutcome;

/**
 * What every {@link JobStore} must do, run against H2 ({@code H2JobStoreTest}) and a real
 * PostgreSQL ({@code PostgresJobStoreIT}): the parts in {@link SubmitContract}, {@link
 * ClaimContract}, {@link ExecutorContract}, {@link TransitionContract}, {@link
 * IdempotencyContract}, {@link OutboxContract}, {@link TotpLedgerContract}, {@link
 * RestartLogContract}, {@link SnapshotLogContract}, {@link SubjectStoreContract}, {@link
 * CountContract} and {@link InFlightContract}, and lists, locks, purges and failures here.
 */
public abstract class JobStoreContract
    implements SubmitContract,
        ClaimContract,
        ExecutorContract,
        TransitionContract,
        IdempotencyContract,
        SubjectStoreContract,
        TotpLedgerContract,
        RestartLogContract,
        SnapshotLogContract,
        CountContract,
        InFlightContract {
  protected JobStore store;

  @Override
  public JobStore store() {
    return store;
  }

  /** A store on an empty, migrated database. */
  protected abstract JobStore openStore() throws Exception;

  @BeforeEach
  void open() throws Exception {
    store = openStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  /** Deletes every row, for stores whose database outlives one test. */
  protected static void truncate(javax.sql.DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        var statement = connection.createStatement()) {
      for (String table :
          List.of(
              "job_steps",
              "job_executions",
              "job_log",
              "job_keys",
              "jobs",
              "executors",
              "task_locks",
              "callback_outbox",
              "totp_codes",
              "supervisor_restarts",
              "metrics_snapshots",
              "execution_hours",
              "execution_hour_durations")) {
        statement.executeUpdate("DELETE FROM " + table);
      }
      statement.executeUpdate("UPDATE job_counters SET jobs = 0");
    }
  }

  @Test
  void concurrent_batches_adding_to_the_same_new_hour_lose_no_execution() throws Exception {
    var jdbc = (JdbcJobStore) store;
    Instant finished = Instant.parse("2026-03-01T10:30:00Z");
    int writers = 6;
    int batches = 20;
    var start = new java.util.concurrent.CyclicBarrier(writers);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    try {
      var done = new ArrayList<java.util.concurrent.Future<?>>();
      for (int w = 0; w < writers; w++) {
        long duration = 100 + w;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int b = 0; b < batches; b++) {
                    var batch =
                        List.of(
                            finished("demo.echo", finished, ExecutionStatus.SUCCESS, duration),
                            finished("demo.other", finished, ExecutionStatus.FAILED, duration));
                    jdbc.write(
                        "rollup",
                        handle -> {
                          ExecutionRollups.record(handle, jdbc.dialect(), batch);
                          return null;
                        });
                  }
                  return null;
                }));
      }
      for (var future : done) {
        future.get();
      }
    } finally {
      pool.shutdownNow();
    }

    var window =
        new org.rpa.core.analytics.TimeWindow(finished.minusSeconds(60), finished.plusSeconds(60));
    var stats =
        new JdbcAnalyticsStore(jdbc, 0)
            .statistics(window, org.rpa.core.analytics.GroupBy.JOB_TYPE, true);
    assertThat(stats)
        .extracting(
            s ->
                s.group()
                    + " "
                    + s.total()
                    + " "
                    + s.success()
                    + " "
                    + s.failed()
                    + " "
                    + s.durations().minMs()
                    + ".."
                    + s.durations().maxMs())
        .containsExactlyInAnyOrder(
            "demo.echo " + writers * batches + " " + writers * batches + " 0 100..105",
            "demo.other " + writers * batches + " 0 " + writers * batches + " 100..105");
  }

  private static ExecutionRollups.Finished finished(
      String type, Instant at, ExecutionStatus status, long durationMs) {
    return new ExecutionRollups.Finished(
        type, at.minusMillis(durationMs), at, status, 1, durationMs);
  }

  @Test
  void the_list_filters_and_pages_newest_first_with_a_cursor() {
    var ids = new ArrayList<JobId>();
    for (int i = 0; i < 7; i++) {
      ids.add(insert(JobRequest.of(i % 2 == 0 ? "mfn" : "osn", "validation")));
    }
    Page<Job> first = store.query(JobQuery.all().provider("mfn").limit(3));
    assertThat(first.items())
        .extracting(Job::id)
        .containsExactly(ids.get(6), ids.get(4), ids.get(2));
    Page<Job> second =
        store.query(JobQuery.all().provider("mfn").limit(3).after(first.nextCursor()));
    assertThat(second.items()).extracting(Job::id).containsExactly(ids.get(0));
    assertThat(second.hasMore()).isFalse();
    assertThat(store.query(JobQuery.all().status(JobStatus.FAILED)).items()).isEmpty();
    assertThat(store.query(JobQuery.all().createdBetween(NOW, NOW.plusSeconds(1))).items())
        .hasSize(7);
  }

  @Test
  void the_list_filters_by_kind() {
    JobId once = insert(JobRequest.of("mfn", "validation"));
    JobId hourly = insert(JobRequest.of("mfn", "validation").every(Duration.ofHours(1)));
    JobId nightly =
        insert(JobRequest.of("osn", "validation").cron("0 2 * * *", java.time.ZoneOffset.UTC));

    assertThat(store.query(JobQuery.all().kind(JobKind.RECURRING)).items())
        .extracting(Job::id)
        .containsExactly(nightly, hourly);
    assertThat(store.query(JobQuery.all().kind(JobKind.ONE_TIME)).items())
        .extracting(Job::id)
        .containsExactly(once);
    assertThat(store.query(JobQuery.all().kind(JobKind.RECURRING).provider("osn")).items())
        .extracting(Job::id)
        .containsExactly(nightly);
  }

  @Test
  void a_task_lock_has_one_holder_until_it_expires() {
    Instant until = NOW.plusSeconds(30);
    assertThat(store.tryLockTask("recover_stale_jobs", "a", NOW, until)).isTrue();
    assertThat(store.tryLockTask("recover_stale_jobs", "b", NOW, until)).isFalse();
    assertThat(store.tryLockTask("recover_stale_jobs", "a", NOW, until)).isTrue();
    assertThat(store.tryLockTask("recover_stale_jobs", "b", until, until.plusSeconds(30))).isTrue();
  }

  @Test
  void the_purge_deletes_only_jobs_that_finished_before_the_cutoff() {
    JobId old = insert(JobRequest.of("mfn", "validation"));
    JobId recent = insert(JobRequest.of("mfn", "validation"));
    JobId open = insert(JobRequest.of("mfn", "validation"));
    cancel(old, NOW.minus(Duration.ofDays(100)));
    cancel(recent, NOW.minus(Duration.ofDays(10)));

    assertThat(store.purgeFinishedBefore(NOW.minus(Duration.ofDays(90)), 100)).isEqualTo(1);
    assertThat(store.find(old)).isEmpty();
    assertThat(store.find(recent)).isPresent();
    assertThat(store.find(open)).isPresent();
  }

  @Test
  void steps_keep_what_self_healing_did() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var steps =
        List.of(
            new Step(1, "open", StepOutcome.PASSED, null, Duration.ofMillis(5), NOW, Map.of()),
            step(2, StepOutcome.HEALED, Healing.HEALED),
            step(3, StepOutcome.FAILED, Healing.NOT_HEALED),
            step(4, StepOutcome.FAILED, Healing.NO_ALTERNATIVE));
    ClaimedJob claimed = store.claim("exec-1", TYPES, 1, NOW).jobs().get(0);
    store.apply(List.of(Transition.start(claimed, NOW)));
    store.apply(List.of(finish(claimed, "exec-1", JobStatus.FAILED, steps)));

    assertThat(store.steps(id, claimed.occurrence(), claimed.attempt()))
        .extracting(Step::healing)
        .containsExactly(null, Healing.HEALED, Healing.NOT_HEALED, Healing.NO_ALTERNATIVE);
  }

  private static Step step(int seq, StepOutcome outcome, Healing healing) {
    return new Step(seq, "click " + seq, outcome, healing, Duration.ofMillis(5), NOW, Map.of());
  }

  @Test
  void the_purge_deletes_a_jobs_log_executions_steps_and_keys_with_it() {
    JobId purged = insert(JobRequest.of("mfn", "validation").reference("C-1").idempotencyKey("k"));
    JobId kept = insert(JobRequest.of("mfn", "validation").reference("C-2"));
    var step =
        new Step(1, "open portal", StepOutcome.PASSED, null, Duration.ofMillis(5), NOW, Map.of());
    for (ClaimedJob claimed : store.claim("exec-1", TYPES, 2, NOW).jobs()) {
      assertThat(store.apply(List.of(Transition.start(claimed, NOW)))).hasSize(1);
      assertThat(
              store.apply(List.of(finish(claimed, "exec-1", JobStatus.COMPLETED, List.of(step)))))
          .hasSize(1);
    }
    for (String table : List.of("job_log", "job_executions", "job_steps", "job_keys")) {
      assertThat(rowsOf(table, purged)).as(table).isPositive();
    }

    assertThat(store.purgeFinishedBefore(NOW.plus(Duration.ofDays(1)), 1)).isEqualTo(1);

    assertThat(store.find(purged)).isEmpty();
    for (String table : List.of("job_log", "job_executions", "job_steps", "job_keys")) {
      assertThat(rowsOf(table, purged)).as(table).isZero();
      assertThat(rowsOf(table, kept)).as(table).isPositive();
    }
    assertThat(insert(JobRequest.of("mfn", "validation").reference("C-1").idempotencyKey("k")))
        .isNotEqualTo(purged);
    assertThat(insert(JobRequest.of("mfn", "validation").reference("C-2"))).isEqualTo(kept);
  }

  @Test
  void a_database_failure_surfaces_as_a_store_exception() {
    store.close();
    assertThatThrownBy(() -> store.find(JobId.of(1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("find");
    store = reopenForCleanup();
  }

  @Test
  void a_database_failure_surfaces_as_a_store_exception_from_the_outbox_ledger_and_subjects() {
    store.close();
    assertThatThrownBy(() -> store.outbox().pending(1))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("pending callbacks");
    assertThatThrownBy(() -> store.outbox().fill(1, NOW, change -> "{}"))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.totpLedger().spend("s", 1, "job-1", NOW))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("spend TOTP code");
    assertThatThrownBy(() -> store.subjects().candidates("MFN-1"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("find subject candidates");
    store = reopenForCleanup();
  }

  /** Opens a store again after a test closed it, so that the after-each hook can close it. */
  protected JobStore reopenForCleanup() {
    try {
      return openStore();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void cancel(JobId id, Instant at) {
    store.apply(List.of(Transition.cancel(store.find(id).orElseThrow(), at)));
  }
}
