package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.analytics.JobCounts;
import org.rpa.core.analytics.LiveCounts;
import org.rpa.core.job.JobId;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobRequest;
import org.rpa.core.job.JobStatus;

/**
 * The counts read from indexes and the kept final counts ({@link JobCountQueries}) agree with a
 * {@code GROUP BY} over every job, with both kinds in every status and retries waiting among the
 * SCHEDULED of each kind, and the final counts follow the transitions and the purge.
 */
interface CountContract extends JobStoreFixture {

  /**
   * Per status: ONE_TIME jobs as many as the status's position plus one, RECURRING jobs two; of the
   * SCHEDULED, one ONE_TIME and one RECURRING wait for a retry (attempts 1).
   */
  private void fill() {
    for (JobStatus status : JobStatus.values()) {
      for (int i = 0; i <= status.ordinal(); i++) {
        set(insert(JobRequest.of("mfn", "validation")), status, i == 0 ? 1 : 0);
      }
      for (int i = 0; i < 2; i++) {
        set(
            insert(JobRequest.of("osn", "cancellation").recurrence("interval:PT1H")),
            status,
            i == 0 ? 1 : 0);
      }
    }
    // Written around the store: its counts of the final statuses are rebuilt, as after an import.
    JdbcStores.rebuildSummaries(store());
  }

  private void set(JobId job, JobStatus status, int attempts) {
    sql(
        "UPDATE jobs SET status = '"
            + status
            + "', attempts = "
            + attempts
            + " WHERE id = "
            + job.value());
  }

  private void sql(String update) {
    try (Connection connection = ((JdbcJobStore) store()).dataSource().getConnection();
        var statement = connection.createStatement()) {
      statement.executeUpdate(update);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rows of {@code status, kind, waiting, jobs} from a GROUP BY over every job. */
  private List<String[]> grouped() {
    try (Connection connection = ((JdbcJobStore) store()).dataSource().getConnection();
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT status, kind, CASE WHEN status = 'SCHEDULED' AND attempts > 0 THEN 1"
                    + " ELSE 0 END, COUNT(*) FROM jobs GROUP BY status, kind,"
                    + " CASE WHEN status = 'SCHEDULED' AND attempts > 0 THEN 1 ELSE 0 END")) {
      var result = new ArrayList<String[]>();
      while (rows.next()) {
        result.add(
            new String[] {
              rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)
            });
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private AnalyticsStore analytics() {
    return new JdbcAnalyticsStore((JdbcJobStore) store());
  }

  @Test
  default void job_counts_agree_with_a_group_by_over_every_job() {
    fill();
    var byStatus = new EnumMap<JobStatus, Long>(JobStatus.class);
    var byKind = new EnumMap<JobKind, Long>(JobKind.class);
    long waiting = 0;
    for (String[] row : grouped()) {
      long jobs = Long.parseLong(row[3]);
      byStatus.merge(JobStatus.valueOf(row[0]), jobs, Long::sum);
      byKind.merge(JobKind.valueOf(row[1]), jobs, Long::sum);
      waiting += row[2].equals("1") ? jobs : 0;
    }
    JobCounts counts = analytics().jobCounts();

    assertThat(counts).isEqualTo(new JobCounts(byStatus, waiting, byKind));
    assertThat(counts.byStatus())
        .isEqualTo(
            Map.of(
                JobStatus.SCHEDULED, 3L,
                JobStatus.QUEUED, 4L,
                JobStatus.CLAIMED, 5L,
                JobStatus.RUNNING, 6L,
                JobStatus.COMPLETED, 7L,
                JobStatus.FAILED, 8L,
                JobStatus.CANCELLED, 9L));
    assertThat(counts.waitingForRetry()).isEqualTo(2);
    assertThat(counts.byKind()).isEqualTo(Map.of(JobKind.ONE_TIME, 28L, JobKind.RECURRING, 14L));
    assertThat(store().countByStatus()).isEqualTo(counts.byStatus());
  }

  @Test
  default void the_final_counts_follow_the_writes_that_end_jobs_and_the_purge_that_deletes_them() {
    for (int i = 0; i < 6; i++) {
      insert(JobRequest.of("mfn", "validation"));
    }
    JobId cancelled = insert(JobRequest.of("osn", "cancellation"));
    store().apply(List.of(Transition.cancel(store().find(cancelled).orElseThrow(), NOW)));
    List<ClaimedJob> claimed = store().claim("exec-1", TYPES, 6, NOW).jobs();
    store().apply(claimed.stream().map(job -> Transition.start(job, NOW)).toList());
    store()
        .apply(
            List.of(
                finish(claimed.get(0), "exec-1", JobStatus.COMPLETED),
                finish(claimed.get(1), "exec-1", JobStatus.COMPLETED),
                finish(claimed.get(2), "exec-1", JobStatus.FAILED)));
    // A repeated finish does not take effect, and is not counted twice.
    store().apply(List.of(finish(claimed.get(0), "exec-1", JobStatus.COMPLETED)));

    assertThat(analytics().jobCounts().byStatus())
        .containsEntry(JobStatus.COMPLETED, 2L)
        .containsEntry(JobStatus.FAILED, 1L)
        .containsEntry(JobStatus.CANCELLED, 1L)
        .containsEntry(JobStatus.RUNNING, 3L);
    assertThat(analytics().jobCounts().byStatus()).isEqualTo(referenceByStatus());

    assertThat(store().purgeFinishedBefore(NOW.plusSeconds(3600), 2)).isEqualTo(2);
    assertThat(analytics().jobCounts().byStatus()).isEqualTo(referenceByStatus());
    assertThat(store().purgeFinishedBefore(NOW.plusSeconds(3600), 100)).isEqualTo(2);
    assertThat(analytics().jobCounts().byStatus())
        .isEqualTo(referenceByStatus())
        .containsEntry(JobStatus.COMPLETED, 0L)
        .containsEntry(JobStatus.FAILED, 0L)
        .containsEntry(JobStatus.CANCELLED, 0L);
  }

  @Test
  default void the_recurring_jobs_are_counted_as_they_are_submitted_and_purged() {
    JobRequest recurring = JobRequest.of("osn", "cancellation").recurrence("interval:PT1H");
    JobId alone = insert(recurring);
    store()
        .insert(
            List.of(
                queued(recurring), queued(JobRequest.of("mfn", "validation")), queued(recurring)),
            NOW);
    insert(JobRequest.of("mfn", "validation"));
    assertThat(analytics().jobCounts().byKind())
        .isEqualTo(Map.of(JobKind.ONE_TIME, 2L, JobKind.RECURRING, 3L));

    store().apply(List.of(Transition.cancel(store().find(alone).orElseThrow(), NOW)));
    assertThat(store().purgeFinishedBefore(NOW.plusSeconds(3600), 100)).isEqualTo(1);
    assertThat(analytics().jobCounts().byKind())
        .isEqualTo(Map.of(JobKind.ONE_TIME, 2L, JobKind.RECURRING, 2L));
    assertThat(analytics().jobCounts().byStatus()).isEqualTo(referenceByStatus());
  }

  private Map<JobStatus, Long> referenceByStatus() {
    var byStatus = new EnumMap<JobStatus, Long>(JobStatus.class);
    for (JobStatus status : JobStatus.values()) {
      byStatus.put(status, 0L);
    }
    for (String[] row : grouped()) {
      byStatus.merge(JobStatus.valueOf(row[0]), Long.parseLong(row[3]), Long::sum);
    }
    return byStatus;
  }

  @Test
  default void live_counts_read_the_live_statuses_only() {
    fill();
    assertThat(analytics().liveCounts()).isEqualTo(new LiveCounts(1, 2, 4, 5, 6));
  }

  @Test
  default void an_empty_store_counts_zero_everywhere() {
    JobCounts counts = analytics().jobCounts();
    assertThat(counts.total()).isZero();
    assertThat(counts.byKind()).isEqualTo(Map.of(JobKind.ONE_TIME, 0L, JobKind.RECURRING, 0L));
    assertThat(analytics().liveCounts()).isEqualTo(new LiveCounts(0, 0, 0, 0, 0));
    assertThat(store().countByStatus().values()).containsOnly(0L);
  }
}
