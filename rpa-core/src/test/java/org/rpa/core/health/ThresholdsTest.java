package org.rpa.core.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rpa.core.health.Thresholds.Level.GREEN;
import static org.rpa.core.health.Thresholds.Level.RED;
import static org.rpa.core.health.Thresholds.Level.YELLOW;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdsTest {

  @ParameterizedTest(name = "failure rate {0}% is {1}")
  @CsvSource({
    "0, GREEN",
    "4.99, GREEN",
    "5, YELLOW",
    "7.5, YELLOW",
    "10, YELLOW",
    "10.01, RED",
    "100, RED"
  })
  void failure_rate_boundaries(double percent, Thresholds.Level expected) {
    assertThat(Thresholds.DEFAULTS.assess(percent, 0, 0, 1, true).level()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "queue of {0} is {1}")
  @CsvSource({"0, GREEN", "19, GREEN", "20, YELLOW", "50, YELLOW", "51, RED"})
  void queue_size_boundaries(long queue, Thresholds.Level expected) {
    assertThat(Thresholds.DEFAULTS.assess(0, queue, 0, 1, true).level()).isEqualTo(expected);
  }

  @ParameterizedTest(name = "utilization {0}% is {1}")
  @CsvSource({"80, GREEN", "80.01, YELLOW", "100, YELLOW"})
  void utilization_boundaries(double percent, Thresholds.Level expected) {
    assertThat(Thresholds.DEFAULTS.assess(0, 0, percent, 1, true).level()).isEqualTo(expected);
  }

  @Test
  void a_measured_rate_is_written_with_two_decimals_at_most() {
    assertThat(Thresholds.DEFAULTS.failureRateReason(300 / 44.0))
        .isEqualTo("job failure rate 6.82% is between 5% and 10%");
    assertThat(Thresholds.DEFAULTS.utilizationReason(200 / 3.0))
        .isEqualTo("worker utilization 66.67% is above 80%");
  }

  @Test
  void no_workers_online_is_red() {
    assertThat(Thresholds.DEFAULTS.assess(0, 0, 0, 0, true).reasons())
        .containsExactly("no workers online");
    assertThat(Thresholds.DEFAULTS.assess(0, 0, 0, 0, true).level()).isEqualTo(RED);
  }

  @Test
  void a_stopped_scheduler_is_red() {
    assertThat(Thresholds.DEFAULTS.assess(0, 0, 0, 3, false).level()).isEqualTo(RED);
  }

  @Test
  void green_has_no_reasons() {
    Thresholds.Assessment assessment = Thresholds.DEFAULTS.assess(4.9, 19, 80, 1, true);

    assertThat(assessment.level()).isEqualTo(GREEN);
    assertThat(assessment.reasons()).isEmpty();
  }

  @Test
  void the_worst_input_wins_and_every_input_gives_its_reason() {
    Thresholds.Assessment assessment = Thresholds.DEFAULTS.assess(6, 60, 90, 2, true);

    assertThat(assessment.level()).isEqualTo(RED);
    assertThat(assessment.reasons())
        .containsExactly(
            "job failure rate 6.0% is between 5% and 10%",
            "queue size 60 is above 50", "worker utilization 90.0% is above 80%");
  }

  @Test
  void yellow_inputs_alone_are_yellow() {
    assertThat(Thresholds.DEFAULTS.assess(5, 20, 81, 1, true).level()).isEqualTo(YELLOW);
  }

  @Test
  void inputs_out_of_range_are_refused() {
    assertThatThrownBy(() -> Thresholds.DEFAULTS.assess(101, 0, 0, 1, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failureRatePercent must be in [0, 100], but was 101.0");
    assertThatThrownBy(() -> Thresholds.DEFAULTS.assess(Double.NaN, 0, 0, 1, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Thresholds.DEFAULTS.assess(0, -1, 0, 1, true))
        .hasMessage("queueSize must be >= 0, but was -1");
    assertThatThrownBy(() -> Thresholds.DEFAULTS.assess(0, 0, 0, -1, true))
        .hasMessage("onlineWorkers must be >= 0, but was -1");
  }

  @Test
  void thresholds_are_configurable_and_the_reasons_name_them() {
    var strict = new Thresholds(1, 2.5, 5, 10, 50);

    Thresholds.Assessment assessment = strict.assess(2, 11, 60, 1, true);

    assertThat(assessment.level()).isEqualTo(RED);
    assertThat(assessment.reasons())
        .containsExactly(
            "job failure rate 2.0% is between 1% and 2.5%",
            "queue size 11 is above 10", "worker utilization 60.0% is above 50%");
    assertThat(strict.queue(5)).isEqualTo(YELLOW);
    assertThat(strict.failureRate(0.5)).isEqualTo(GREEN);
  }

  @Test
  void a_yellow_threshold_above_its_red_one_is_refused() {
    assertThatThrownBy(() -> new Thresholds(10, 5, 20, 50, 80))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("failureRateRedPercent 5.0 must not be below failureRateYellowPercent 10.0");
    assertThatThrownBy(() -> new Thresholds(5, 10, 60, 50, 80))
        .hasMessage("queue thresholds must be 0 <= yellow <= red, but were 60, 50");
  }
}
