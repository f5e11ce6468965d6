package org.rpa.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rpa.core.Orchestrator;
import org.rpa.core.StoreException;
import org.rpa.core.event.JobStateChanged;
import org.rpa.core.job.IdempotencyConflictException;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobResult;
import org.rpa.core.job.JobStatus;
import org.rpa.core.job.Submission;
import org.rpa.core.metrics.LiveCounters;
import org.rpa.core.store.Databases;

/**
 * Concurrent submits share insert transactions: run on H2 and on PostgreSQL. Where a test needs
 * submits to gather, it holds the first submit's transaction open after its commit (a listener of
 * its {@code job.created} event blocks) until the others are queued behind it, so the sharing is
 * certain, not a matter of timing.
 */
abstract class SharedCommitsContract {
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  protected HikariDataSource pool;
  protected Orchestrator rpa;
  private ExecutorService threads;

  /** A JDBC URL of an empty or reusable database. */
  protected abstract String url();

  /** Makes the database unreachable for the orchestrator's pool. */
  protected abstract void takeDown() throws Exception;

  /** Undoes {@link #takeDown()}. */
  protected abstract void bringBack() throws Exception;

  @BeforeEach
  void open() throws Exception {
    var config = new HikariConfig();
    config.setJdbcUrl(Databases.jdbcUrl(url()));
    config.setMaximumPoolSize(8);
    config.setConnectionTimeout(250);
    config.setAllowPoolSuspension(true);
    pool = new HikariDataSource(config);
    rpa = Orchestrator.builder().dataSource(pool).jobType("demo", "echo").build();
    execute("DELETE FROM job_keys", "DELETE FROM job_log", "DELETE FROM jobs");
    threads = Executors.newCachedThreadPool();
  }

  @AfterEach
  void close() {
    threads.shutdownNow();
    rpa.close();
    pool.close();
  }

  @Test
  void submits_that_arrive_during_a_commit_share_the_next_one() throws Exception {
    LiveCounters live = rpa.metrics().live();
    var results = new ArrayList<Future<Submission>>();
    long commitsBefore = live.submitCommits();
    holdFirstCommit(
        15,
        i -> submit(JobRequest.of("demo", "echo").param("caller", i)),
        results::addAll,
        () -> {});

    var ids = new HashSet<JobId>();
    for (int i = 0; i < results.size(); i++) {
      Submission submission = results.get(i).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      assertThat(submission.created()).isTrue();
      Job job = rpa.jobs().get(submission.id());
      assertThat(job.params()).as("caller %d's own job", i).containsEntry("caller", i);
      ids.add(submission.id());
    }
    assertThat(ids).hasSize(15);
    assertThat(rpa.jobs().countByStatus().get(JobStatus.QUEUED)).isEqualTo(16);
    assertThat(live.submitCommits() - commitsBefore)
        .as("the held submit's commit, then one for the 15 that queued behind it")
        .isEqualTo(2);
  }

  @Test
  void many_threads_submitting_at_once_store_every_job_once_and_share_commits() throws Exception {
    int callers = 16;
    int rounds = 40;
    LiveCounters live = rpa.metrics().live();
    long commitsBefore = live.submitCommits();
    long submitsBefore = live.submitsCommitted();
    var start = new CyclicBarrier(callers);
    var calls = new ArrayList<Future<Map<JobId, String>>>();
    for (int caller = 0; caller < callers; caller++) {
      int me = caller;
      calls.add(
          threads.submit(
              () -> {
                var mine = new java.util.HashMap<JobId, String>();
                start.await();
                for (int round = 0; round < rounds; round++) {
                  if (round % 4 == 3) {
                    List<JobRequest> batch = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                      batch.add(tagged(me + "/" + round + "/" + k));
                    }
                    List<Submission> done = rpa.jobs().submitAll(batch);
                    for (int k = 0; k < 3; k++) {
                      mine.put(done.get(k).id(), me + "/" + round + "/" + k);
                    }
                  } else {
                    mine.put(rpa.jobs().submit(tagged(me + "/" + round)), me + "/" + round);
                  }
                }
                return mine;
              }));
    }
    var all = new ConcurrentHashMap<JobId, String>();
    for (Future<Map<JobId, String>> call : calls) {
      Map<JobId, String> mine = call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      mine.forEach(
          (id, tag) -> assertThat(all.put(id, tag)).as("id %s handed out twice", id).isNull());
    }
    int singles = rounds - rounds / 4;
    int perCaller = singles + rounds / 4 * 3;
    assertThat(all).hasSize(callers * perCaller);
    for (Map.Entry<JobId, String> entry : all.entrySet()) {
      assertThat(rpa.jobs().get(entry.getKey()).params()).containsEntry("tag", entry.getValue());
    }
    assertThat(rpa.jobs().countByStatus().get(JobStatus.QUEUED)).isEqualTo(all.size());
    long submits = live.submitsCommitted() - submitsBefore;
    assertThat(submits).isEqualTo((long) callers * rounds);
    assertThat(live.submitCommits() - commitsBefore)
        .as("commits for %d submits", submits)
        .isLessThan(submits);
  }

  @Test
  void a_conflicting_idempotency_key_fails_only_its_own_submit() throws Exception {
    JobId taken = rpa.jobs().submit(JobRequest.of("demo", "echo").idempotencyKey("taken"));
    List<JobRequest> requests =
        List.of(
            JobRequest.of("demo", "echo").idempotencyKey("taken").param("x", 2),
            JobRequest.of("demo", "echo").idempotencyKey("same").param("x", 1),
            JobRequest.of("demo", "echo").idempotencyKey("same").param("x", 1),
            JobRequest.of("demo", "echo").idempotencyKey("clash").param("x", 1),
            JobRequest.of("demo", "echo").idempotencyKey("clash").param("x", 2),
            JobRequest.of("demo", "echo").param("plain", 1),
            JobRequest.of("demo", "echo").param("plain", 2));
    var results = new ArrayList<Future<Submission>>();
    holdFirstCommit(requests.size(), i -> submit(requests.get(i)), results::addAll, () -> {});

    assertThatThrownBy(() -> outcome(results.get(0)))
        .isInstanceOf(IdempotencyConflictException.class);
    Submission same1 = outcome(results.get(1));
    Submission same2 = outcome(results.get(2));
    assertThat(same1.id()).as("one key, one request: one job").isEqualTo(same2.id());
    assertThat(same1.created() ^ same2.created()).as("exactly one created it").isTrue();
    int clashWon = 0;
    for (int i = 3; i <= 4; i++) {
      try {
        Submission won = outcome(results.get(i));
        assertThat(rpa.jobs().get(won.id()).params()).containsEntry("x", i - 2);
        clashWon++;
      } catch (IdempotencyConflictException e) {
        // the other one of the pair won
      }
    }
    assertThat(clashWon).as("one of the two requests with key 'clash'").isEqualTo(1);
    assertThat(outcome(results.get(5)).created()).isTrue();
    assertThat(outcome(results.get(6)).created()).isTrue();
    assertThat(rpa.jobs().get(taken).params()).isEmpty();
    assertThat(rpa.jobs().countByStatus().get(JobStatus.QUEUED))
        .as("taken, the held one, same, clash and the two plain ones")
        .isEqualTo(6);
  }

  @Test
  void a_constraint_one_job_breaks_fails_only_that_submit() throws Exception {
    execute("ALTER TABLE jobs ADD CONSTRAINT test_no_priority_13 CHECK (priority <> 13)");
    try {
      var results = new ArrayList<Future<Submission>>();
      holdFirstCommit(
          6,
          i -> submit(JobRequest.of("demo", "echo").priority(i == 2 ? 13 : i)),
          results::addAll,
          () -> {});
      for (int i = 0; i < 6; i++) {
        if (i == 2) {
          assertThatThrownBy(() -> outcome(results.get(2)))
              .isInstanceOfSatisfying(
                  StoreException.class, e -> assertThat(e.refusedData()).isTrue());
        } else {
          Job job = rpa.jobs().get(outcome(results.get(i)).id());
          assertThat(job.priority()).isEqualTo(i);
        }
      }
      assertThat(rpa.jobs().countByStatus().get(JobStatus.QUEUED)).isEqualTo(6);
    } finally {
      execute("ALTER TABLE jobs DROP CONSTRAINT test_no_priority_13");
    }
  }

  @Test
  void the_store_failing_under_a_shared_commit_fails_its_submits_and_stores_none_of_them()
      throws Exception {
    var results = new ArrayList<Future<Submission>>();
    holdFirstCommit(
        5,
        i -> submitAll(List.of(tagged("a" + i), tagged("b" + i))),
        results::addAll,
        this::takeDown);
    try {
      for (Future<Submission> result : results) {
        assertThatThrownBy(() -> outcome(result)).isInstanceOf(StoreException.class);
      }
    } finally {
      bringBack();
    }
    try (Connection connection = DriverManager.getConnection(Databases.jdbcUrl(url()));
        var statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT COUNT(*) FROM jobs")) {
      rows.next();
      assertThat(rows.getLong(1)).as("only the held submit's job").isEqualTo(1);
    }
  }

  @Test
  void the_job_a_submit_returns_is_the_job_a_read_finds() throws Exception {
    java.time.Instant later = java.time.Instant.now().plusSeconds(3_600).plusNanos(123_456_789);
    List<JobRequest> requests =
        List.of(
            JobRequest.of("demo", "echo"),
            JobRequest.of("demo", "echo").param("n", 1).param("s", "x").priority(-5),
            JobRequest.of("demo", "echo").runAt(later).deadline(later.plusNanos(987_654_321)),
            JobRequest.of("demo", "echo").idempotencyKey("key-1").reference("ref-1"),
            JobRequest.of("demo", "echo").every(Duration.ofMinutes(5)),
            JobRequest.of("demo", "echo").maxAttempts(7).timeout(Duration.ofSeconds(9)));
    var returned = new ArrayList<Submission>();
    for (JobRequest request : requests) {
      returned.add(rpa.jobs().submitTracked(request));
    }
    returned.addAll(rpa.jobs().submitAll(requests.subList(0, 3)));
    for (Submission submission : returned) {
      assertThat(submission.job()).isEqualTo(rpa.jobs().get(submission.id()));
    }
    Submission again = rpa.jobs().submitTracked(requests.get(3));
    assertThat(again.created()).isFalse();
    assertThat(again.job()).as("an earlier job is not read for the submit").isNull();
  }

  @Test
  void concurrent_submits_to_a_running_orchestrator_run_each_job_once() throws Exception {
    rpa.close();
    var runs = new ConcurrentHashMap<Long, AtomicInteger>();
    rpa =
        Orchestrator.builder()
            .dataSource(pool)
            .concurrency(4)
            .handler(
                "demo",
                "echo",
                ctx -> {
                  runs.computeIfAbsent(ctx.jobId().value(), id -> new AtomicInteger())
                      .incrementAndGet();
                  return JobResult.success();
                })
            .build();
    rpa.start();
    var calls = new ArrayList<Future<List<JobId>>>();
    for (int caller = 0; caller < 8; caller++) {
      calls.add(
          threads.submit(
              () -> {
                var ids = new ArrayList<JobId>();
                for (int i = 0; i < 25; i++) {
                  Submission submission = rpa.jobs().submitTracked(JobRequest.of("demo", "echo"));
                  Job job = submission.job();
                  if (job.status() == JobStatus.CLAIMED) {
                    assertThat(job.leaseOwner()).isNotNull();
                    assertThat(job.attempts()).isEqualTo(1);
                  } else {
                    assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
                    assertThat(job.leaseOwner()).isNull();
                  }
                  ids.add(submission.id());
                }
                return ids;
              }));
    }
    var ids = new ArrayList<JobId>();
    for (Future<List<JobId>> call : calls) {
      ids.addAll(call.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
    }
    for (JobId id : ids) {
      assertThat(rpa.jobs().await(id, PATIENCE).status()).isEqualTo(JobStatus.COMPLETED);
    }
    assertThat(runs).hasSize(200);
    assertThat(runs.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
  }

  /**
   * Submits one job, holds its transaction (after its commit, in its {@code job.created} listener)
   * until {@code others} submits from as many threads are queued behind it, runs {@code whileHeld},
   * then lets it go and hands the others' futures, in order of {@code i}, to {@code started}.
   */
  private void holdFirstCommit(
      int others,
      Function<Integer, Future<Submission>> submit,
      java.util.function.Consumer<List<Future<Submission>>> started,
      ThrowingRunnable whileHeld)
      throws Exception {
    var held = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    var first = new AtomicBoolean(true);
    try (var ignored =
        rpa.events()
            .subscribe(
                JobStateChanged.class,
                event -> {
                  if (event.from() == null && first.compareAndSet(true, false)) {
                    held.countDown();
                    await(release);
                  }
                })) {
      Future<Submission> gate = submit(JobRequest.of("demo", "echo").param("held", true));
      assertThat(held.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
      var futures = new ArrayList<Future<Submission>>();
      StoreJobs jobs = (StoreJobs) rpa.jobs();
      for (int i = 0; i < others; i++) {
        int before = jobs.waitingSubmits();
        futures.add(submit.apply(i));
        // One at a time, so that they queue in the order of i.
        waitUntil(() -> jobs.waitingSubmits() > before);
      }
      try {
        whileHeld.run();
      } finally {
        release.countDown();
      }
      assertThat(outcome(gate).created()).isTrue();
      started.accept(futures);
    }
  }

  private Future<Submission> submit(JobRequest request) {
    return threads.submit(() -> rpa.jobs().submitTracked(request));
  }

  private Future<Submission> submitAll(List<JobRequest> requests) {
    return threads.submit(() -> rpa.jobs().submitAll(requests).get(0));
  }

  private static JobRequest tagged(String tag) {
    return JobRequest.of("demo", "echo").param("tag", tag);
  }

  private static Submission outcome(Future<Submission> future) throws Exception {
    try {
      return future.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void waitUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited too long").isLessThan(deadline);
      LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
    }
  }

  protected void execute(String... statements) throws SQLException {
    try (Connection connection = pool.getConnection();
        var statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
