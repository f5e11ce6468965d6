package org.rpa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobKind;
import org.rpa.core.job.JobStatus;

/** Job counts and the queue depth at the end of the history. */
interface JobCountsContract extends AnalyticsFixture {

  @Test
  default void job_counts_tell_a_job_waiting_for_a_retry_from_other_scheduled_jobs() {
    JobCounts counts = analytics().jobCounts();
    assertThat(counts.byStatus())
        .isEqualTo(
            Map.of(
                JobStatus.SCHEDULED, 3L,
                JobStatus.QUEUED, 2L,
                JobStatus.CLAIMED, 0L,
                JobStatus.RUNNING, 1L,
                JobStatus.COMPLETED, 6L,
                JobStatus.FAILED, 2L,
                JobStatus.CANCELLED, 1L));
    // j6 failed its second occurrence's first attempt; j11 is delayed; j14 waits for its first.
    assertThat(counts.waitingForRetry()).isEqualTo(1);
    assertThat(counts.scheduledNotRetrying()).isEqualTo(2);
    assertThat(history().a.jobs().get(history().job("j6")).isWaitingForRetry()).isTrue();
    assertThat(counts.total()).isEqualTo(15);
    assertThat(counts.count(JobStatus.COMPLETED)).isEqualTo(6);
  }

  @Test
  default void job_counts_tell_one_time_from_recurring_jobs() {
    assertThat(analytics().jobCounts().byKind())
        .isEqualTo(Map.of(JobKind.ONE_TIME, 13L, JobKind.RECURRING, 2L));
  }

  @Test
  default void the_queue_depth_counts_the_queued_jobs_only() {
    assertThat(analytics().queueDepth()).isEqualTo(2);
    assertThat(history().b.analytics().queueDepth()).isEqualTo(2);
  }

  @Test
  default void both_executors_see_the_same_figures() {
    assertThat(history().b.analytics().totals(morning())).isEqualTo(analytics().totals(morning()));
    assertThat(history().b.analytics().jobCounts()).isEqualTo(analytics().jobCounts());
  }
}
