package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rpa.core.job.Job;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;
import org.rpa.core.testing.H2;

class H2JobStoreTest extends JobStoreContract {
  @Override
  protected JobStore openStore() {
    var pool = Databases.pool(H2.memory(), 8);
    Migrations.migrate(pool);
    return new JdbcJobStore(pool, pool);
  }

  @Test
  void the_tables_written_per_job_take_their_ids_from_a_cache_so_that_no_insert_stores_a_sequence()
      throws SQLException {
    var caches = new HashMap<String, Long>();
    try (Connection connection = ((JdbcJobStore) store).dataSource().getConnection();
        var statement =
            connection.prepareStatement(
                "SELECT TABLE_NAME, IDENTITY_CACHE FROM INFORMATION_SCHEMA.COLUMNS"
                    + " WHERE COLUMN_NAME = 'ID' AND IS_IDENTITY = 'YES'");
        var rows = statement.executeQuery()) {
      while (rows.next()) {
        caches.put(rows.getString(1), rows.getLong(2));
      }
    }

    assertThat(caches)
        .containsAllEntriesOf(
            Map.of(
                "JOBS", (long) H2IdentityCache.CACHE,
                "JOB_EXECUTIONS", (long) H2IdentityCache.CACHE,
                "JOB_LOG", (long) H2IdentityCache.CACHE));
  }

  /**
   * Index jobs_due has a NULL key for every job that is not SCHEDULED ({@link H2ScheduledIndex});
   * the poll's queries must start at the first scheduled job, not step over those.
   */
  @Test
  void the_polls_read_scheduled_jobs_only_however_many_jobs_are_not_scheduled() throws Exception {
    var jobs = new ArrayList<NewJob>();
    for (int i = 0; i < 2_000; i++) {
      jobs.add(queued(JobRequest.of("mfn", "validation")));
    }
    for (int i = 1; i <= 3; i++) {
      jobs.add(
          new NewJob(
              JobRequest.of("mfn", "validation"),
              JobStatus.SCHEDULED,
              NOW.minusSeconds(i),
              3,
              Duration.ofMinutes(5)));
    }
    store.insert(jobs, NOW);

    String due =
        WaitingJobs.SELECT_DUE_H2
            .replace(":now", "TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00+00'")
            .replace(":limit", "10");
    assertThat(scanCounts(due)).isNotEmpty().allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
    assertThat(scanCounts(WaitingJobs.NEXT_RUN_AT_H2)).containsExactly(1);
    assertThat(store.nextRunAt()).contains(NOW.minusSeconds(3));
    assertThat(store.promoteDue(NOW, 10)).hasSize(3);
    assertThat(store.nextRunAt()).isEmpty();
  }

  /**
   * An H2 claim reads without row locks ({@link Claims}); its update must then leave alone a job
   * that another transaction changed since the read: cancelled, or claimed and put back (one more
   * attempt, QUEUED again). The change below holds the row's lock while the claim reads the job,
   * and commits only once the claim's update waits for that lock, so the claim has read the old row
   * and its update meets the new one.
   */
  @ParameterizedTest
  @ValueSource(strings = {"status = 'CANCELLED'", "attempts = attempts + 1"})
  void a_claim_leaves_alone_a_job_that_another_transaction_changed_after_the_claim_read_it(
      String change) throws Exception {
    var request = JobRequest.of("mfn", "validation");
    List<Long> ids =
        store.insert(List.of(queued(request), queued(request), queued(request)), NOW).stream()
            .map(submission -> submission.id().value())
            .toList();
    var dataSource = ((JdbcJobStore) store).dataSource();
    try (Connection cancel = dataSource.getConnection()) {
      cancel.setAutoCommit(false);
      try (var update = cancel.prepareStatement("UPDATE jobs SET " + change + " WHERE id = ?")) {
        update.setLong(1, ids.get(1));
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      int cancelSession = sessionId(cancel);

      var claim = CompletableFuture.supplyAsync(() -> store.claim("exec-1", TYPES, 10, NOW));
      try (Connection watch = dataSource.getConnection();
          var blocked =
              watch.prepareStatement(
                  "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID = ?")) {
        blocked.setInt(1, cancelSession);
        long giveUp = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!claim.isDone() && count(blocked) == 0) {
          assertThat(System.nanoTime())
              .as("the claim waits for the cancel's lock")
              .isLessThan(giveUp);
          Thread.onSpinWait();
        }
      }
      assertThat(claim).as("the claim read the job before the cancel committed").isNotDone();
      cancel.commit();

      var claimed = claim.get(5, TimeUnit.SECONDS);
      assertThat(claimed.jobs())
          .extracting(job -> job.id().value())
          .containsExactly(ids.get(0), ids.get(2));
      assertThat(claimed.transitions())
          .extracting(t -> t.job().id())
          .containsExactly(ids.get(0), ids.get(2));
    }
    assertThat(store.find(new JobId(ids.get(1))))
        .map(Job::status)
        .contains(change.startsWith("status") ? JobStatus.CANCELLED : JobStatus.QUEUED);
  }

  private static int sessionId(Connection connection) throws SQLException {
    try (var statement = connection.prepareStatement("SELECT SESSION_ID()");
        var rows = statement.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static long count(java.sql.PreparedStatement statement) throws SQLException {
    try (var rows = statement.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private List<Integer> scanCounts(String sql) throws SQLException {
    try (Connection connection = ((JdbcJobStore) store).dataSource().getConnection();
        var statement = connection.prepareStatement("EXPLAIN ANALYZE " + sql);
        var rows = statement.executeQuery()) {
      rows.next();
      var counts = new ArrayList<Integer>();
      Matcher matcher = Pattern.compile("scanCount: (\\d+)").matcher(rows.getString(1));
      while (matcher.find()) {
        counts.add(Integer.parseInt(matcher.group(1)));
      }
      return counts;
    }
  }
}
