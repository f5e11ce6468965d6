package org.rpa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rpa.core.analytics.History.at;

import org.junit.jupiter.api.Test;
import org.rpa.core.job.JobStatus;

/** What a poller reads: the live jobs at the end of the history, and the outcomes of a window. */
interface LiveCountsContract extends AnalyticsFixture {

  @Test
  default void live_counts_are_the_live_statuses_of_the_job_counts() {
    // j11 delayed and j14 waiting for its first occurrence; j6 waits for its retry; j12, j13
    // queued; j15 running on worker-c.
    LiveCounts live = analytics().liveCounts();
    assertThat(live).isEqualTo(new LiveCounts(2, 1, 2, 0, 1));
    JobCounts counts = analytics().jobCounts();
    assertThat(live.scheduled()).isEqualTo(counts.count(JobStatus.SCHEDULED));
    assertThat(live.waitingForRetry()).isEqualTo(counts.waitingForRetry());
    assertThat(live.queued()).isEqualTo(analytics().queueDepth());
    assertThat(live.leased()).isEqualTo(1);
    assertThat(history().b.analytics().liveCounts()).isEqualTo(live);
  }

  @Test
  default void outcomes_count_the_finished_executions_and_the_failed_or_timed_out_ones() {
    // 15 finished (16 runs): FAILED 3, 4, 9, 10, 11, 15 and TIMEOUT 6; 12 was cancelled.
    assertThat(analytics().outcomes(morning())).isEqualTo(new OutcomeCounts(15, 7));
    ExecutionStats totals = analytics().totals(morning());
    assertThat(analytics().outcomes(morning()))
        .isEqualTo(new OutcomeCounts(totals.total(), totals.failed() + totals.timeout()));
  }

  @Test
  default void outcomes_of_a_window_that_ends_now_take_in_what_finished_after_it_was_made() {
    // 11:05:03 j9 succeeded; 11:05:04.5 j10 succeeded and 11:05:05.1 j6 failed.
    assertThat(analytics().outcomes(new TimeWindow(at("11:00:00"), at("11:05:04"), true)))
        .isEqualTo(new OutcomeCounts(3, 1));
    assertThat(analytics().outcomes(new TimeWindow(at("11:00:00"), at("11:05:04"))))
        .isEqualTo(new OutcomeCounts(1, 0));
  }

  @Test
  default void outcomes_of_an_hour_and_of_a_half_open_window() {
    // 10:00 to 11:00: 8 (success), 9 to 11 (failed), 12 (cancelled).
    assertThat(analytics().outcomes(new TimeWindow(at("10:00:00"), at("11:00:00"))))
        .isEqualTo(new OutcomeCounts(5, 3));
    // 3 finished at 09:00:03.5, in; 4 at 09:00:03.8, the end, out.
    assertThat(analytics().outcomes(new TimeWindow(at("09:00:03.500"), at("09:00:03.800"))))
        .isEqualTo(new OutcomeCounts(1, 1));
    assertThat(analytics().outcomes(new TimeWindow(at("12:00:00"), at("13:00:00"))))
        .isEqualTo(new OutcomeCounts(0, 0));
  }
}
