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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.StoreException;
import org.rpa.core.job.ExecutionStatus;
import org.rpa.core.job.IllegalJobTransitionException;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobError;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobQuery;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Page;

/**
 * What every {@link JobStore} must do, run against H2 ({@code H2JobStoreTest}) and a real
 * PostgreSQL ({@code PostgresJobStoreIT}).
 */
public abstract class JobStoreContract {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00.123456Z");
  static final Set<String> TYPES = Set.of("mfn.validation", "osn.cancellation");

  protected JobStore store;

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
          List.of("job_steps", "job_executions", "job_log", "jobs", "executors", "task_locks")) {
        statement.executeUpdate("DELETE FROM " + table);
      }
    }
  }

  static NewJob queued(JobRequest request) {
    return new NewJob(request, JobStatus.QUEUED, NOW, 3, Duration.ofMinutes(5));
  }

  JobId insert(JobRequest request) {
    return store.insert(List.of(queued(request)), NOW).get(0).id();
  }

  @Test
  void each_submission_of_a_large_batch_names_the_job_made_from_its_own_request() {
    var jobs = new ArrayList<NewJob>();
    for (int i = 0; i < 2 * Inserts.ROWS_PER_INSERT + 37; i++) {
      var request = JobRequest.of("mfn", "validation").param("i", i);
      jobs.add(queued(i % 3 == 0 ? request.reference("ref-" + i) : request));
    }
    jobs.add(queued(JobRequest.of("mfn", "validation").param("i", -1).reference("ref-3")));

    var submissions = store.insert(jobs, NOW);

    assertThat(submissions).hasSize(jobs.size());
    for (int i = 0; i < jobs.size() - 1; i++) {
      assertThat(submissions.get(i).created()).isTrue();
      assertThat(store.find(submissions.get(i).id()).orElseThrow().params()).containsEntry("i", i);
    }
    var repeat = submissions.get(jobs.size() - 1);
    assertThat(repeat.created()).isFalse();
    assertThat(repeat.id()).isEqualTo(submissions.get(3).id());
  }

  @Test
  void a_job_reads_back_as_it_was_submitted() {
    Instant deadline = NOW.plusSeconds(3600);
    JobId id =
        insert(
            JobRequest.of("mfn", "validation")
                .param("circuit_number", "ABC123")
                .param("nested", Map.of("a", List.of(1, 2)))
                .priority(7)
                .deadline(deadline)
                .reference("REF-1")
                .idempotencyKey("key-1"));

    Job job = store.find(id).orElseThrow();
    assertThat(job.provider()).isEqualTo("mfn");
    assertThat(job.action()).isEqualTo("validation");
    assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
    assertThat(job.priority()).isEqualTo(7);
    assertThat(job.params())
        .containsEntry("circuit_number", "ABC123")
        .containsEntry("nested", Map.of("a", List.of(1, 2)));
    assertThat(job.runAt()).isEqualTo(NOW);
    assertThat(job.createdAt()).isEqualTo(NOW);
    assertThat(job.deadline()).isEqualTo(deadline);
    assertThat(job.maxAttempts()).isEqualTo(3);
    assertThat(job.timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(job.reference()).isEqualTo("REF-1");
    assertThat(job.idempotencyKey()).isEqualTo("key-1");
    assertThat(job.attempts()).isZero();
    assertThat(job.occurrence()).isEqualTo(1);
    assertThat(store.find(JobId.of(id.value() + 1000))).isEmpty();
  }

  @Test
  void a_claim_takes_the_highest_priority_then_the_oldest_and_leases_them() {
    JobId low = insert(JobRequest.of("mfn", "validation").priority(-1));
    JobId first = insert(JobRequest.of("mfn", "validation"));
    JobId urgent = insert(JobRequest.of("osn", "cancellation").priority(5));
    JobId second = insert(JobRequest.of("mfn", "validation"));
    insert(JobRequest.of("evotel", "validation"));

    var claim = store.claim("exec-1", TYPES, 3, NOW);

    assertThat(claim.jobs()).extracting(ClaimedJob::id).containsExactly(urgent, first, second);
    assertThat(claim.transitions()).extracting(Transition::to).containsOnly(JobStatus.CLAIMED);
    assertThat(store.find(first).orElseThrow().leaseOwner()).isEqualTo("exec-1");
    assertThat(store.find(low).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void concurrent_claims_never_take_the_same_job() throws Exception {
    var requests = new ArrayList<NewJob>();
    for (int i = 0; i < 400; i++) {
      requests.add(queued(JobRequest.of("mfn", "validation")));
    }
    store.insert(requests, NOW);
    int claimers = 4;
    var barrier = new CyclicBarrier(claimers);
    var pool = Executors.newFixedThreadPool(claimers);
    try {
      var tasks = new ArrayList<Callable<List<JobId>>>();
      for (int c = 0; c < claimers; c++) {
        String owner = "exec-" + c;
        tasks.add(
            () -> {
              barrier.await();
              var mine = new ArrayList<JobId>();
              List<ClaimedJob> batch;
              do {
                batch = store.claim(owner, TYPES, 25, NOW).jobs();
                batch.forEach(job -> mine.add(job.id()));
              } while (!batch.isEmpty());
              return mine;
            });
      }
      var all = new ArrayList<JobId>();
      for (var future : pool.invokeAll(tasks)) {
        all.addAll(future.get());
      }
      assertThat(all).hasSize(400).doesNotHaveDuplicates();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void a_result_is_accepted_only_from_the_lease_holder_of_that_attempt() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var claimed = store.claim("exec-1", TYPES, 1, NOW).jobs().get(0);
    assertThat(store.apply(List.of(Transition.start(claimed, NOW)))).hasSize(1);

    var staleOwner = finish(claimed, "exec-2", JobStatus.COMPLETED);
    var wrongAttempt =
        new Transition(
            id.value(),
            "mfn",
            "validation",
            JobStatus.RUNNING,
            JobStatus.COMPLETED,
            1,
            2,
            "exec-1",
            1,
            2,
            null,
            null,
            null,
            NOW,
            null,
            null,
            NOW,
            "exec-1",
            null);
    assertThat(store.apply(List.of(staleOwner, wrongAttempt))).isEmpty();
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);

    assertThat(store.apply(List.of(finish(claimed, "exec-1", JobStatus.COMPLETED)))).hasSize(1);
    Job done = store.find(id).orElseThrow();
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.result()).containsEntry("ok", true);
    assertThat(store.executions(id))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
              assertThat(e.duration()).isEqualTo(Duration.ofMillis(1500));
            });
  }

  @Test
  void a_start_and_its_finish_in_one_batch_still_record_the_execution_and_both_log_rows() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var claimed = store.claim("exec-1", TYPES, 1, NOW).jobs().get(0);
    var start = Transition.start(claimed, NOW);
    var finish = finish(claimed, "exec-1", JobStatus.COMPLETED);

    assertThat(store.apply(List.of(finish, start))).containsExactly(start, finish);

    Job done = store.find(id).orElseThrow();
    assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
    assertThat(done.startedAt()).isEqualTo(NOW);
    assertThat(done.finishedAt()).isEqualTo(NOW.plusMillis(1500));
    assertThat(done.result()).containsEntry("ok", true);
    assertThat(store.executions(id))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCESS);
              assertThat(e.startedAt()).isEqualTo(NOW);
              assertThat(e.finishedAt()).isEqualTo(NOW.plusMillis(1500));
              assertThat(e.duration()).isEqualTo(Duration.ofMillis(1500));
            });
    assertThat(logOf(id))
        .containsExactly("null>QUEUED", "QUEUED>CLAIMED", "CLAIMED>RUNNING", "RUNNING>COMPLETED");
  }

  @Test
  void a_start_and_finish_from_a_stale_owner_take_no_effect_together() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var claimed = store.claim("exec-1", TYPES, 1, NOW).jobs().get(0);
    var stale =
        new ClaimedJob(
            claimed.id(),
            claimed.provider(),
            claimed.action(),
            claimed.kind(),
            claimed.params(),
            claimed.occurrence(),
            claimed.attempts(),
            claimed.maxAttempts(),
            claimed.timeout(),
            claimed.runAt(),
            claimed.deadline(),
            claimed.recurrence(),
            "exec-2");

    assertThat(
            store.apply(
                List.of(
                    Transition.start(stale, NOW), finish(stale, "exec-2", JobStatus.COMPLETED))))
        .isEmpty();
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(store.executions(id)).isEmpty();
    assertThat(logOf(id)).containsExactly("null>QUEUED", "QUEUED>CLAIMED");
  }

  @Test
  void a_submit_hands_fresh_jobs_to_the_owner_up_to_its_limit_and_queues_the_rest() {
    var jobs =
        List.of(
            queued(JobRequest.of("mfn", "validation")),
            queued(JobRequest.of("evotel", "validation")),
            queued(JobRequest.of("osn", "cancellation")),
            queued(JobRequest.of("mfn", "validation")));

    var inserted = store.insertAndClaim(jobs, NOW, "exec-1", TYPES, 2);

    var ids = inserted.submissions().stream().map(s -> s.id()).toList();
    assertThat(inserted.claim().jobs())
        .extracting(ClaimedJob::id)
        .containsExactly(ids.get(0), ids.get(2));
    assertThat(inserted.claim().jobs()).allSatisfy(job -> assertThat(job.attempt()).isEqualTo(1));
    Job handed = store.find(ids.get(0)).orElseThrow();
    assertThat(handed.status()).isEqualTo(JobStatus.CLAIMED);
    assertThat(handed.attempts()).isEqualTo(1);
    assertThat(handed.leaseOwner()).isEqualTo("exec-1");
    assertThat(logOf(ids.get(0))).containsExactly("null>QUEUED", "QUEUED>CLAIMED");
    assertThat(store.find(ids.get(1)).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
    assertThat(store.claim("exec-2", TYPES, 10, NOW).jobs())
        .extracting(ClaimedJob::id)
        .containsExactly(ids.get(3));
    var handedJob = inserted.claim().jobs().get(0);
    assertThat(store.apply(List.of(Transition.start(handedJob, NOW)))).hasSize(1);
  }

  @Test
  void promotion_moves_due_jobs_oldest_first_in_batches_among_many_scheduled() {
    var jobs = new ArrayList<NewJob>();
    for (int i = 0; i < 3_000; i++) {
      // Every third job is due; the others wait for later.
      Instant runAt = i % 3 == 0 ? NOW.minusSeconds(3_000 - i) : NOW.plusSeconds(60 + i);
      jobs.add(
          new NewJob(
              JobRequest.of("mfn", "validation"),
              JobStatus.SCHEDULED,
              runAt,
              3,
              Duration.ofMinutes(5)));
    }
    store.insert(jobs, NOW.minusSeconds(4_000));

    var first = store.promoteDue(NOW, 600);
    var second = store.promoteDue(NOW, 600);

    assertThat(first).hasSize(600);
    assertThat(second).hasSize(400);
    assertThat(first.get(0).jobId()).isLessThan(first.get(599).jobId());
    assertThat(first.get(599).jobId()).isLessThan(second.get(0).jobId());
    assertThat(store.promoteDue(NOW, 600)).isEmpty();
    assertThat(store.countByStatus())
        .containsEntry(JobStatus.QUEUED, 1_000L)
        .containsEntry(JobStatus.SCHEDULED, 2_000L);
    assertThat(store.nextRunAt()).contains(NOW.plusSeconds(61));
  }

  /** The job's log as from>to pairs, oldest first. */
  private List<String> logOf(JobId id) {
    var dataSource = ((JdbcJobStore) store).dataSource();
    try (Connection connection = dataSource.getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT from_status, to_status FROM job_log WHERE job_id = ? ORDER BY id")) {
      statement.setLong(1, id.value());
      var rows = new ArrayList<String>();
      try (var resultSet = statement.executeQuery()) {
        while (resultSet.next()) {
          rows.add(resultSet.getString(1) + ">" + resultSet.getString(2));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void an_illegal_transition_throws_and_writes_nothing() {
    JobId id = insert(JobRequest.of("mfn", "validation"));
    var legal =
        Transition.move(
            id.value(),
            "mfn",
            "validation",
            JobStatus.QUEUED,
            JobStatus.SCHEDULED,
            1,
            0,
            null,
            null,
            NOW,
            null,
            null);
    var illegal =
        Transition.move(
            id.value(),
            "mfn",
            "validation",
            JobStatus.QUEUED,
            JobStatus.RUNNING,
            1,
            0,
            null,
            null,
            NOW,
            null,
            null);

    assertThatThrownBy(() -> store.apply(List.of(legal, illegal)))
        .isInstanceOf(IllegalJobTransitionException.class)
        .hasMessageContaining("QUEUED to RUNNING");
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
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
  void jobs_of_an_executor_whose_lease_expired_are_orphans() {
    store.registerExecutor(executor("alive", NOW.plusSeconds(60)));
    store.registerExecutor(executor("dead", NOW.minusSeconds(1)));
    insert(JobRequest.of("mfn", "validation"));
    insert(JobRequest.of("mfn", "validation"));
    var mine = store.claim("alive", TYPES, 1, NOW).jobs().get(0);
    var theirs = store.claim("dead", TYPES, 1, NOW).jobs().get(0);

    assertThat(store.findOrphaned(NOW, 10)).extracting(LeasedJob::id).containsExactly(theirs.id());
    assertThat(store.heartbeat("dead", 0, NOW, NOW.plusSeconds(60))).isTrue();
    assertThat(store.findOrphaned(NOW, 10)).isEmpty();
    store.stopExecutor("alive", NOW);
    assertThat(store.findOrphaned(NOW, 10)).extracting(LeasedJob::id).containsExactly(mine.id());
    assertThat(store.lostAmong("dead", List.of(theirs.id(), mine.id()))).containsExactly(mine.id());
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
  void the_same_reference_for_the_same_type_returns_the_first_job() {
    JobId first = insert(JobRequest.of("mfn", "validation").reference("C-1"));
    var again =
        store
            .insert(List.of(queued(JobRequest.of("mfn", "validation").reference("C-1"))), NOW)
            .get(0);
    JobId otherType = insert(JobRequest.of("osn", "cancellation").reference("C-1"));

    assertThat(again.id()).isEqualTo(first);
    assertThat(again.created()).isFalse();
    assertThat(otherType).isNotEqualTo(first);
    assertThat(store.countByStatus().get(JobStatus.QUEUED)).isEqualTo(2);
  }

  @Test
  void a_database_failure_surfaces_as_a_store_exception() {
    store.close();
    assertThatThrownBy(() -> store.find(JobId.of(1)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("find");
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
    store.apply(
        List.of(
            new Transition(
                id.value(),
                "mfn",
                "validation",
                JobStatus.QUEUED,
                JobStatus.CANCELLED,
                1,
                0,
                null,
                1,
                0,
                null,
                null,
                null,
                at,
                new Transition.Outcome(null, new JobError("Cancelled", "test")),
                null,
                at,
                null,
                null)));
  }

  static ExecutorRecord executor(String id, Instant leaseUntil) {
    return new ExecutorRecord(id, "host", "local", 4, 0, NOW, NOW, leaseUntil, null);
  }

  static Transition finish(ClaimedJob job, String owner, JobStatus to) {
    Instant end = NOW.plusMillis(1500);
    var execution =
        new Transition.ExecutionChange(
            1,
            ExecutionStatus.SUCCESS,
            owner,
            Duration.ofMillis(1500),
            Map.of("ok", true),
            null,
            List.of());
    return new Transition(
        job.id().value(),
        job.provider(),
        job.action(),
        JobStatus.RUNNING,
        to,
        1,
        1,
        owner,
        1,
        1,
        null,
        null,
        null,
        end,
        new Transition.Outcome(Map.of("ok", true), null),
        execution,
        end,
        owner,
        null);
  }
}
