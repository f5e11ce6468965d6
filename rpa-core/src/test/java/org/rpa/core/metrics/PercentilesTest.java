package org.rpa.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentilesTest {
  private static final long[] WIKIPEDIA = {35, 20, 15, 50, 40};

  @ParameterizedTest(name = "p{0} of 15,20,35,40,50 is {1}")
  @CsvSource({"0, 15", "5, 15", "20, 15", "30, 20", "40, 20", "50, 35", "100, 50"})
  void nearest_rank_matches_the_worked_example(double p, long expected) {
    assertThat(Percentiles.percentile(WIKIPEDIA, p)).isEqualTo(expected);
  }

  @Test
  void percentiles_of_one_to_ten() {
    long[] values = LongStream.rangeClosed(1, 10).toArray();

    assertThat(Percentiles.percentile(values, 50)).isEqualTo(5);
    assertThat(Percentiles.percentile(values, 90)).isEqualTo(9);
    assertThat(Percentiles.percentile(values, 99)).isEqualTo(10);
  }

  @Test
  void whole_percent_ranks_do_not_drift_up_from_rounding() {
    long[] values = LongStream.rangeClosed(1, 100).toArray();

    for (int p = 1; p <= 100; p++) {
      assertThat(Percentiles.percentile(values, p)).as("p%d", p).isEqualTo(p);
    }
  }

  @Test
  void the_input_is_not_sorted_in_place() {
    long[] values = {3, 1, 2};

    Percentiles.percentile(values, 50);

    assertThat(values).containsExactly(3, 1, 2);
  }

  @Test
  void empty_input_gives_zero() {
    assertThat(Percentiles.percentile(new long[0], 99)).isZero();
    assertThat(Percentiles.percentile(List.of(), 50)).isEqualTo(Duration.ZERO);
  }

  @Test
  void durations_keep_nanosecond_precision() {
    List<Duration> durations =
        List.of(Duration.ofMillis(3), Duration.ofNanos(1_500), Duration.ofSeconds(2));

    assertThat(Percentiles.percentile(durations, 50)).isEqualTo(Duration.ofMillis(3));
    assertThat(Percentiles.percentile(durations, 1)).isEqualTo(Duration.ofNanos(1_500));
  }

  @Test
  void p_outside_zero_to_a_hundred_is_refused() {
    assertThatThrownBy(() -> Percentiles.percentile(WIKIPEDIA, 100.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("p must be in [0, 100], but was 100.5");
    assertThatThrownBy(() -> Percentiles.percentile(WIKIPEDIA, -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void duration_stats_from_milliseconds() {
    assertThat(DurationStats.of(new long[] {3, 1, 2, 10}))
        .isEqualTo(new DurationStats(4, 4.0, 1, 10, 2.0, 10.0, 10.0));
  }

  @Test
  void duration_stats_from_nanoseconds_keep_fractions() {
    assertThat(DurationStats.ofNanos(new long[] {1_500_000, 250_000}))
        .isEqualTo(new DurationStats(2, 0.875, 0, 1, 0.25, 1.5, 1.5));
  }

  @Test
  void duration_stats_of_nothing_are_zero() {
    assertThat(DurationStats.of(new long[0])).isEqualTo(DurationStats.EMPTY);
    assertThat(DurationStats.EMPTY).isEqualTo(new DurationStats(0, 0, 0, 0, 0, 0, 0));
  }
}
