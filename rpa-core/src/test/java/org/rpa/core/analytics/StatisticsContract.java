package org.rpa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rpa.core.analytics.AnalyticsFixture.counts;
import static org.rpa.core.analytics.AnalyticsFixture.durations;
import static org.rpa.core.analytics.AnalyticsFixture.instant;
import static org.rpa.core.analytics.AnalyticsFixture.stats;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rpa.core.InvalidRequestException;
import org.rpa.core.metrics.DurationStats;

/** Statistics of the history's executions, whole and in each grouping. */
interface StatisticsContract extends AnalyticsFixture {

  @Test
  default void the_totals_count_every_finished_execution_by_status_with_nearest_rank_percentiles() {
    // Durations, sorted: 100 100 100 300 500 600 800 1000 1200 1500 2000 3000 4000 31000.
    assertThat(analytics().totals(morning()))
        .isEqualTo(
            stats(
                ExecutionStats.ALL,
                counts(15, 7, 6, 1, 1, 4),
                durations(14, 46_200, 100, 31_000, 800, 4000, 31_000),
                "09:00:00",
                "11:05:04.500"));
    assertThat(analytics().totals(morning()).successRate()).isEqualTo(7.0 / 15);
    assertThat(analytics().totals(morning()).durations().avgMs()).isEqualTo(3300.0);
  }

  @Test
  default void hours_are_utc_buckets_labelled_as_dashboards_show_them_in_order() {
    assertThat(analytics().statistics(morning(), GroupBy.HOUR))
        .containsExactly(
            stats(
                "2026-03-02 09:00",
                counts(7, 4, 2, 1, 0, 2),
                durations(7, 36_800, 300, 31_000, 1000, 31_000, 31_000),
                "09:00:00",
                "09:30:40"),
            stats(
                "2026-03-02 10:00",
                counts(5, 1, 3, 0, 1, 2),
                durations(4, 4300, 100, 4000, 100, 4000, 4000),
                "10:00:00",
                "10:20:00"),
            stats(
                "2026-03-02 11:00",
                counts(3, 2, 1, 0, 0, 0),
                durations(3, 5100, 600, 3000, 1500, 3000, 3000),
                "11:05:00",
                "11:05:04.500"));
  }

  @Test
  default void job_types_come_with_the_most_executions_first() {
    assertThat(analytics().statistics(morning(), GroupBy.JOB_TYPE))
        .containsExactly(
            stats(
                History.VALIDATION,
                counts(7, 3, 4, 0, 0, 2),
                durations(7, 6800, 100, 3000, 500, 3000, 3000),
                "09:00:00",
                "11:05:00"),
            stats(
                History.CANCELLATION,
                counts(6, 3, 1, 1, 1, 2),
                durations(5, 34_800, 300, 31_000, 1200, 31_000, 31_000),
                "09:00:03.500",
                "11:05:03"),
            stats(
                History.REPORT,
                counts(2, 1, 1, 0, 0, 0),
                durations(2, 4600, 600, 4000, 600, 4000, 4000),
                "10:00:00",
                "11:05:04.500"));
  }

  @Test
  default void each_executor_has_its_own_figures_and_one_without_durations_has_empty_ones() {
    assertThat(analytics().statistics(morning(), GroupBy.EXECUTOR))
        .containsExactly(
            stats(
                "exec-a",
                counts(12, 5, 6, 1, 0, 3),
                durations(12, 41_000, 100, 31_000, 600, 3000, 31_000),
                "09:00:00",
                "11:05:04.500"),
            stats(
                "exec-b",
                counts(2, 2, 0, 0, 0, 1),
                durations(2, 5200, 1200, 4000, 1200, 4000, 4000),
                "09:00:10",
                "10:00:00"),
            stats(
                "worker-c", counts(1, 0, 0, 0, 1, 0), DurationStats.EMPTY, "10:20:00", "10:20:00"));
  }

  @Test
  default void error_types_count_only_the_executions_that_ended_with_one() {
    assertThat(analytics().statistics(morning(), GroupBy.ERROR_TYPE))
        .extracting(s -> s.group() + "=" + s.total() + "/" + s.failed() + "/" + s.timeout())
        .containsExactly(
            "PortalDown=5/5/0", "Cancelled=1/0/0", "CircuitNotFound=1/1/0", "Timeout=1/0/1");
  }

  @Test
  default void a_jobs_statistics_count_its_finished_executions_of_every_age() {
    assertThat(analytics().jobStatistics(history().job("j7")))
        .isEqualTo(
            stats(
                ExecutionStats.ALL,
                counts(3, 0, 3, 0, 0, 2),
                durations(3, 300, 100, 100, 100, 100, 100),
                "10:15:00",
                "10:15:10"));
    assertThat(analytics().jobStatistics(history().job("j4")))
        .isEqualTo(
            stats(
                ExecutionStats.ALL,
                counts(2, 1, 1, 0, 0, 1),
                durations(2, 1500, 300, 1200, 300, 1200, 1200),
                "09:00:03.500",
                "09:00:10"));
    assertThat(analytics().jobStatistics(history().job("j8")))
        .isEqualTo(
            stats(
                ExecutionStats.ALL,
                counts(1, 0, 0, 0, 1, 0),
                DurationStats.EMPTY,
                "10:20:00",
                "10:20:00"));
    // j15 is still running: a running execution has not finished.
    assertThat(analytics().jobStatistics(history().job("j15")))
        .isEqualTo(ExecutionStats.empty(ExecutionStats.ALL));
  }

  @Test
  default void
      a_window_holds_the_executions_that_finished_at_or_after_its_start_and_before_its_end() {
    var firstThree = new TimeWindow(instant("09:00:00"), instant("09:00:03"));
    assertThat(analytics().totals(firstThree).total()).isEqualTo(1);
    var middle = new TimeWindow(instant("09:30:31"), instant("10:15:10.100"));
    assertThat(analytics().totals(middle))
        .isEqualTo(
            stats(
                ExecutionStats.ALL,
                counts(5, 2, 2, 1, 0, 2),
                durations(5, 36_000, 100, 31_000, 800, 31_000, 31_000),
                "09:30:00",
                "10:15:05"));
  }

  @Test
  default void an_empty_window_has_one_empty_group_and_no_hours() {
    var evening = new TimeWindow(instant("18:00:00"), instant("19:00:00"));
    assertThat(analytics().totals(evening)).isEqualTo(ExecutionStats.empty(ExecutionStats.ALL));
    assertThat(analytics().totals(evening).successRate()).isZero();
    assertThat(analytics().statistics(evening, GroupBy.HOUR)).isEmpty();
    assertThat(analytics().statistics(evening, GroupBy.JOB_TYPE)).isEmpty();
  }

  @Test
  default void the_last_period_ends_at_the_clocks_now() {
    assertThat(analytics().last(Duration.ofHours(1)))
        .isEqualTo(new TimeWindow(instant("10:10:00"), instant("11:10:00"), true));
    // The last three executions finished between 11:05:03 and 11:05:05.1.
    assertThat(analytics().totals(analytics().last(Duration.ofMinutes(4))).total()).isZero();
    assertThat(analytics().totals(analytics().last(Duration.ofMinutes(5))).total()).isEqualTo(3);
  }

  @Test
  default void metrics_execution_durations_are_the_statistics_of_the_window_before_now() {
    // 10:10 to 11:10: the three attempts of j7, the cancel (no duration), j9, j10 and j6's failure.
    assertThat(history().a.metrics().executionDurations(Duration.ofHours(1)))
        .isEqualTo(durations(6, 5400, 100, 3000, 100, 3000, 3000));
    assertThat(history().a.metrics().executionDurations(Duration.ZERO))
        .isEqualTo(DurationStats.EMPTY);
  }

  @Test
  default void a_window_that_ends_before_it_starts_or_a_period_that_is_not_positive_is_refused() {
    assertThatThrownBy(() -> new TimeWindow(instant("10:00:00"), instant("09:00:00")))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("from"));
    assertThatThrownBy(() -> new TimeWindow(instant("10:00:00"), instant("10:00:00")))
        .isInstanceOf(InvalidRequestException.class);
    assertThatThrownBy(() -> analytics().last(Duration.ZERO))
        .isInstanceOfSatisfying(
            InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("period"));
    assertThatThrownBy(() -> analytics().last(Duration.ofMinutes(-5)))
        .isInstanceOf(InvalidRequestException.class);
  }
}
