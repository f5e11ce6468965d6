package org.rpa.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rpa.core.store.JdbcStores;
import org.rpa.core.store.JobStore;
import org.rpa.core.testing.H2;
import org.rpa.core.testing.MutableClock;

/** The metrics over a real store's history (H2 in memory). */
class MetricsTest {
  private static final Instant START = Instant.parse("2025-08-01T10:00:00Z");
  private final MutableClock clock = MutableClock.at(START);
  private final AtomicLong queued = new AtomicLong(15);
  private final JobStore store = JdbcStores.open(H2.memory() + ";DB_CLOSE_DELAY=-1", 2);
  private final Metrics metrics =
      new Metrics(
          clock, () -> new Snapshot(Instant.EPOCH, queued.get(), 3, 142, 8), store.snapshotLog());

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void collect_stamps_the_counts_with_the_clock_and_keeps_them() {
    Snapshot first = metrics.collect();
    clock.advance(Duration.ofMinutes(5));
    queued.set(18);
    Snapshot second = metrics.collect();

    assertThat(first).isEqualTo(new Snapshot(START, 15, 3, 142, 8));
    assertThat(second.timestamp()).isEqualTo(START.plus(Duration.ofMinutes(5)));
    assertThat(metrics.recent(Duration.ofHours(24))).containsExactly(second, first);
    assertThat(Averages.of(metrics.recent(Duration.ofHours(24))).queuedJobs()).isEqualTo(16.5);
  }

  @Test
  void a_second_collect_in_the_same_five_minutes_keeps_the_first_snapshot() {
    Snapshot first = metrics.collect();
    clock.advance(Duration.ofMinutes(4));
    queued.set(40);

    Snapshot second = metrics.collect();

    assertThat(second.queuedJobs()).isEqualTo(40);
    assertThat(metrics.recent(Duration.ofHours(1))).containsExactly(first);
  }

  @Test
  void recent_looks_back_over_the_window_only() {
    metrics.collect();
    clock.advance(Duration.ofHours(2));
    Snapshot late = metrics.collect();

    assertThat(metrics.recent(Duration.ofHours(1))).containsExactly(late);
    assertThat(metrics.recent(Duration.ofHours(3))).hasSize(2);
    assertThatThrownBy(() -> metrics.recent(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void averages_of_nothing_are_zero() {
    assertThat(Averages.of(java.util.List.of())).isEqualTo(Averages.ZERO);
  }

  @Test
  void current_is_fresh_and_not_kept() {
    Snapshot current = metrics.current();

    assertThat(current.queuedJobs()).isEqualTo(15);
    assertThat(metrics.recent(Duration.ofDays(1))).isEmpty();
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

  @Test
  void a_gauge_listener_hears_each_gauge_once_those_before_it_and_those_after() {
    metrics.gauge(new Gauge("rpa_first", "First.", () -> 1));
    var heard = new java.util.ArrayList<String>();

    metrics.onGauge(gauge -> heard.add(gauge.name()));
    metrics.gauge(new Gauge("rpa_second", "Second.", () -> 2));

    assertThat(heard).containsExactly("rpa_first", "rpa_second");
    assertThat(metrics.gauges()).extracting(Gauge::name).containsExactly("rpa_first", "rpa_second");
  }

  @Test
  void each_live_counter_reads_alone() {
    LiveCounters live = metrics.live();
    live.onSubmitted();
    live.onSubmitted();
    live.onStarted();
    live.onSucceeded();
    live.onFailedBusiness();
    live.onFailedTechnical();
    live.onRetried();
    live.onRecovered();

    assertThat(live.submitted()).isEqualTo(2);
    assertThat(live.started()).isEqualTo(1);
    assertThat(live.succeeded()).isEqualTo(1);
    assertThat(live.failed()).isEqualTo(2);
    assertThat(live.retried()).isEqualTo(1);
    assertThat(live.recovered()).isEqualTo(1);
    assertThat(live.view().failedBusiness() + live.view().failedTechnical()).isEqualTo(2);
  }
}
