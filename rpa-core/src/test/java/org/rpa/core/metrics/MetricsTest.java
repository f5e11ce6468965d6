package org.rpa.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rpa.core.testing.MutableClock;

class MetricsTest {
  private static final Instant START = Instant.parse("2025-08-01T10:00:00Z");
  private final MutableClock clock = MutableClock.at(START);
  private final AtomicLong queued = new AtomicLong(15);
  private final Metrics metrics =
      new Metrics(clock, () -> new Snapshot(Instant.EPOCH, queued.get(), 3, 142, 8));

  @Test
  void collect_stamps_the_counts_with_the_clock_and_keeps_them() {
    Snapshot first = metrics.collect();
    clock.advance(Duration.ofMinutes(5));
    queued.set(18);
    Snapshot second = metrics.collect();

    assertThat(first).isEqualTo(new Snapshot(START, 15, 3, 142, 8));
    assertThat(second.timestamp()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    assertThat(metrics.history().newestFirst()).containsExactly(second, first);
    assertThat(metrics.history().averages().queuedJobs()).isEqualTo(16.5);
  }

  @Test
  void current_is_fresh_and_not_kept() {
    Snapshot current = metrics.current();

    assertThat(current.queuedJobs()).isEqualTo(15);
    assertThat(metrics.history().size()).isZero();
  }

  @Test
  void uptime_follows_the_clock() {
    clock.advance(Duration.ofHours(3).plusSeconds(7));

    assertThat(metrics.startedAt()).isEqualTo(START);
    assertThat(metrics.uptime()).isEqualTo(Duration.ofHours(3).plusSeconds(7));
    assertThat(Metrics.humanUptime(metrics.uptime())).isEqualTo("3:00:07");
  }

  @Test
  void uptime_is_never_negative() {
    clock.advance(Duration.ofSeconds(-10));

    assertThat(metrics.uptime()).isEqualTo(Duration.ZERO);
  }

  @Test
  void the_history_capacity_can_be_chosen() {
    Metrics small = new Metrics(clock, metrics::current, 12);

    assertThat(small.history().capacity()).isEqualTo(12);
    assertThat(metrics.history().capacity()).isEqualTo(MetricsHistory.DEFAULT_CAPACITY);
  }

  @ParameterizedTest(name = "{0} renders as \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "P2DT14H32M15S | 2 days, 14:32:15",
        "P1DT8H45M22S | 1 day, 8:45:22",
        "PT5M7S | 0:05:07",
        "PT0S | 0:00:00",
        "PT23H59M59.999S | 23:59:59",
        "P10DT0H0M1S | 10 days, 0:00:01"
      })
  void human_uptime_renders_like_seed_000(Duration uptime, String expected) {
    assertThat(Metrics.humanUptime(uptime)).isEqualTo(expected);
  }

  @Test
  void human_uptime_refuses_negative_durations() {
    assertThatThrownBy(() -> Metrics.humanUptime(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void live_counters_belong_to_the_metrics() {
    metrics.live().onSubmitted();

    assertThat(metrics.live().view().submitted()).isEqualTo(1);
  }
}
