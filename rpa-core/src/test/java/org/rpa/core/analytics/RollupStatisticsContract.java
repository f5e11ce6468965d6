package org.rpa.core.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rpa.core.metrics.DurationStats;
import org.rpa.core.store.AnalyticsStore;
import org.rpa.core.store.RollupsOnly;

/**
 * The statistics read from the hourly rollups, on the same history: every count, sum, extreme and
 * start the same as the exact statistics, and each percentile the longest duration of the exact
 * one's bucket. Windows on whole hours read only the rollups; the others add the executions of
 * their partial hours.
 */
interface RollupStatisticsContract extends AnalyticsFixture {
  /** The store whose statistics always read the rollups, on the history's database. */
  AnalyticsStore rollups();

  @Test
  default void whole_hours_add_up_to_the_exact_figures_in_every_grouping() {
    for (GroupBy by : List.of(GroupBy.NONE, GroupBy.JOB_TYPE, GroupBy.HOUR)) {
      assertThat(rollups().statistics(morning(), by, true))
          .as("by %s", by)
          .isEqualTo(bucketed(analytics().statistics(morning(), by)));
    }
  }

  @Test
  default void partial_hours_at_the_edges_are_read_from_the_executions() {
    var windows =
        List.of(
            new TimeWindow(at("09:00:02"), at("11:05:04")),
            new TimeWindow(at("09:15:00"), at("10:20:30")),
            new TimeWindow(at("09:30:31"), at("09:30:40.800")),
            new TimeWindow(at("10:00:00"), at("11:05:05")),
            new TimeWindow(at("08:00:00"), at("13:00:00")));
    for (TimeWindow window : windows) {
      for (GroupBy by : List.of(GroupBy.NONE, GroupBy.JOB_TYPE, GroupBy.HOUR)) {
        assertThat(rollups().statistics(window, by, true))
            .as("%s by %s", window, by)
            .isEqualTo(bucketed(analytics().statistics(window, by)));
      }
    }
  }

  @Test
  default void a_window_without_executions_has_one_empty_group_or_none() {
    var night = new TimeWindow(at("00:00:00"), at("08:00:00"));
    assertThat(rollups().statistics(night, GroupBy.NONE, true))
        .containsExactly(ExecutionStats.empty(ExecutionStats.ALL));
    assertThat(rollups().statistics(night, GroupBy.HOUR, true)).isEmpty();
  }

  @Test
  default void the_groupings_the_rollups_do_not_hold_rank_every_execution() {
    for (GroupBy by : List.of(GroupBy.EXECUTOR, GroupBy.ERROR_TYPE)) {
      assertThat(rollups().statistics(morning(), by, true))
          .as("by %s", by)
          .isEqualTo(analytics().statistics(morning(), by));
    }
  }

  @Test
  default void summaries_are_the_statistics_without_percentiles_read_from_the_rollups() {
    var windows =
        List.of(
            morning(),
            new TimeWindow(at("09:00:02"), at("11:05:04")),
            new TimeWindow(at("00:00:00"), at("08:00:00")));
    for (TimeWindow window : windows) {
      for (GroupBy by : GroupBy.values()) {
        assertThat(analytics().summaries(window, by))
            .as("%s by %s", window, by)
            .isEqualTo(withoutPercentiles(analytics().statistics(window, by)));
      }
    }
  }

  @Test
  default void a_window_that_ends_now_reads_the_current_hour_from_the_rollups() {
    // At 11:10 the current hour holds the three executions of 11:05; the window ends now.
    var lastHour = analytics().last(java.time.Duration.ofMinutes(30));
    assertThat(lastHour.endsNow()).isTrue();
    assertThat(rollups().statistics(lastHour, GroupBy.NONE, true))
        .isEqualTo(bucketed(analytics().statistics(lastHour, GroupBy.NONE)))
        .singleElement()
        .extracting(ExecutionStats::total)
        .isEqualTo(3L);
    // It takes in what finished after it was made: a window made at 11:05:04 that ends now takes
    // in the executions that finished at 11:05:04.5 and 11:05:05.1; one that ends then does not.
    var endingNow = new TimeWindow(at("11:00:00"), at("11:05:04"), true);
    var ended = new TimeWindow(at("11:00:00"), at("11:05:04"));
    for (boolean percentiles : List.of(true, false)) {
      assertThat(rollups().statistics(endingNow, GroupBy.NONE, percentiles).get(0).total())
          .isEqualTo(3);
      assertThat(rollups().statistics(ended, GroupBy.NONE, percentiles).get(0).total())
          .isEqualTo(1);
    }
    assertThat(analytics().totals(endingNow).total()).isEqualTo(3);
    assertThat(analytics().totals(ended).total()).isEqualTo(1);
  }

  private static List<ExecutionStats> withoutPercentiles(List<ExecutionStats> stats) {
    return stats.stream().map(s -> s.withDurations(s.durations().withoutPercentiles())).toList();
  }

  /** The exact statistics with each percentile as the rollups give it. */
  private static List<ExecutionStats> bucketed(List<ExecutionStats> exact) {
    return exact.stream()
        .map(
            s -> {
              DurationStats d = s.durations();
              return d.count() == 0
                  ? s
                  : s.withDurations(
                      new DurationStats(
                          d.count(),
                          d.avgMs(),
                          d.minMs(),
                          d.maxMs(),
                          RollupsOnly.percentile((long) d.p50Ms(), d.maxMs()),
                          RollupsOnly.percentile((long) d.p90Ms(), d.maxMs()),
                          RollupsOnly.percentile((long) d.p99Ms(), d.maxMs())));
            })
        .toList();
  }

  private static java.time.Instant at(String time) {
    return History.at(time);
  }
}
