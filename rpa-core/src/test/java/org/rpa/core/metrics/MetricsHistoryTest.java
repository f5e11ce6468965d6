package org.rpa.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {
  private static final Instant START = Instant.parse("2025-08-01T09:55:00Z");

  @Test
  void the_default_capacity_is_a_day_of_five_minute_points() {
    assertThat(new MetricsHistory().capacity()).isEqualTo(288);
  }

  @Test
  void points_come_back_newest_first() {
    MetricsHistory history = new MetricsHistory();
    Snapshot older = new Snapshot(START, 18, 2, 140, 8);
    Snapshot newer = new Snapshot(START.plus(Duration.ofMinutes(5)), 15, 3, 142, 8);

    history.add(older);
    history.add(newer);

    assertThat(history.newestFirst()).containsExactly(newer, older);
  }

  @Test
  void the_oldest_point_is_dropped_when_full() {
    MetricsHistory history = new MetricsHistory(2);
    for (int i = 0; i < 3; i++) {
      history.add(new Snapshot(START.plusSeconds(i), i, 0, 0, 0));
    }

    assertThat(history.size()).isEqualTo(2);
    assertThat(history.newestFirst()).extracting(Snapshot::queuedJobs).containsExactly(2L, 1L);
  }

  @Test
  void averages_cover_every_point_held() {
    MetricsHistory history = new MetricsHistory(2);
    history.add(new Snapshot(START, 1000, 1000, 1000, 1000));
    history.add(new Snapshot(START, 10, 2, 100, 5));
    history.add(new Snapshot(START, 20, 4, 110, 6));

    assertThat(history.averages()).isEqualTo(new Averages(15, 3, 105, 5.5));
  }

  @Test
  void averages_of_an_empty_history_are_zero() {
    assertThat(new MetricsHistory().averages()).isEqualTo(new Averages(0, 0, 0, 0));
  }

  @Test
  void capacity_must_be_positive() {
    assertThatThrownBy(() -> new MetricsHistory(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity must be at least 1, but was 0");
  }

  @Test
  void snapshot_counts_must_not_be_negative() {
    assertThatThrownBy(() -> new Snapshot(START, 0, -1, 0, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("runningJobs must be >= 0, but was -1");
  }
}
