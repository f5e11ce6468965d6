package org.rpa.core.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.rpa.core.testing.MutableClock;

/** Windows and per-minute history over marks taken on an injected clock. */
class PerformanceTest {
  private static final long MS = 1_000_000;
  private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  private final LiveCounters live = new LiveCounters();
  private final AtomicLong collections = new AtomicLong();
  private final Performance performance =
      new Performance(
          clock,
          live,
          () ->
              new JvmUse(
                  64L << 20, 128L << 20, 256L << 20, collections.get(), collections.get() * 3));

  @Test
  void a_minute_of_work_becomes_one_point_with_exactly_that_minute_s_figures() {
    performance.poolSource(() -> new PoolUse(3, 2, 5, 10, 0));
    run(120, 4 * MS, 2 * MS);
    live.onCommitted(9, 5 * MS);
    collections.addAndGet(2);
    for (int i = 0; i < 12; i++) {
      clock.advance(Performance.TICK);
      performance.tick();
    }
    run(60, 40 * MS, 20 * MS);
    live.onCommitted(3, 1 * MS);
    for (int i = 0; i < 12; i++) {
      clock.advance(Performance.TICK);
      performance.tick();
    }

    var history = performance.history(Duration.ofHours(24));
    assertThat(history).hasSize(2);
    PerformanceSample first = history.get(0);
    assertThat(first.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(first.to()).isEqualTo(Instant.parse("2026-01-01T00:01:00Z"));
    assertThat(first.started()).isEqualTo(120);
    assertThat(first.startedPerSecond()).isEqualTo(2.0);
    assertThat(first.pickUp().count()).isEqualTo(120);
    assertThat(first.pickUp().p99Ms()).isEqualTo(4.0);
    assertThat(first.claim().p50Ms()).isEqualTo(2.0);
    assertThat(first.commits()).isEqualTo(1);
    assertThat(first.committed()).isEqualTo(9);
    assertThat(first.largestBatch()).isEqualTo(9);
    assertThat(first.commit().maxMs()).isEqualTo(5);
    assertThat(first.gcCollections()).isEqualTo(2);
    assertThat(first.gcMillis()).isEqualTo(6);
    assertThat(first.jvm().heapUsedBytes()).isEqualTo(64L << 20);
    assertThat(first.pool()).isEqualTo(new PoolUse(3, 2, 5, 10, 0));
    PerformanceSample second = history.get(1);
    assertThat(second.started()).isEqualTo(60);
    assertThat(second.pickUp().p50Ms()).as("only the second minute's pick-ups").isEqualTo(40.0);
    assertThat(second.largestBatch()).isEqualTo(3);
    assertThat(second.meanBatchSize()).isEqualTo(3.0);
    assertThat(second.gcCollections()).isZero();
  }

  @Test
  void the_last_minute_and_the_last_five_minutes_end_now_and_count_what_was_recorded_in_them() {
    for (int minute = 0; minute < 6; minute++) {
      run(60 * (minute + 1), MS, MS);
      for (int i = 0; i < 12; i++) {
        clock.advance(Performance.TICK);
        performance.tick();
      }
    }
    run(30, 7 * MS, MS);
    clock.advance(Duration.ofSeconds(3));

    PerformanceSample minute = performance.lastMinute();
    assertThat(minute.to()).isEqualTo(clock.instant());
    // Marks every 5 s, the last 3 s ago: the window starts at the oldest mark at most a minute old.
    assertThat(minute.span()).isEqualTo(Duration.ofSeconds(58));
    assertThat(minute.started()).as("5 s of the 6th minute's 360, and the 30 since").isEqualTo(30);
    assertThat(minute.pickUp().count()).isEqualTo(30);
    PerformanceSample five = performance.lastFiveMinutes();
    assertThat(five.span()).isEqualTo(Duration.ofSeconds(298));
    assertThat(five.started())
        .as("the starts recorded after the mark at 65 s")
        .isEqualTo(180 + 240 + 300 + 360 + 30);
  }

  @Test
  void a_young_orchestrator_s_windows_start_when_it_started() {
    run(10, MS, MS);
    clock.advance(Duration.ofSeconds(20));

    PerformanceSample minute = performance.lastMinute();
    assertThat(minute.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(minute.started()).isEqualTo(10);
    assertThat(minute.startedPerSecond()).isEqualTo(0.5);
    assertThat(performance.history(Duration.ofHours(1))).isEmpty();
  }

  @Test
  void a_tick_on_a_clock_that_did_not_move_changes_nothing() {
    run(5, MS, MS);
    performance.tick();
    performance.tick();
    clock.advance(Performance.SAMPLE);
    performance.tick();
    performance.tick();

    assertThat(performance.history(Duration.ofHours(1)))
        .singleElement()
        .satisfies(sample -> assertThat(sample.started()).isEqualTo(5));
  }

  @Test
  void the_history_keeps_24_hours_of_minutes_and_answers_a_shorter_period() {
    for (int i = 0; i < Performance.HISTORY + 30; i++) {
      live.onStarted();
      clock.advance(Performance.SAMPLE);
      performance.tick();
    }

    var day = performance.history(Duration.ofHours(48));
    assertThat(day).hasSize(Performance.HISTORY);
    assertThat(day.get(day.size() - 1).to()).isEqualTo(clock.instant());
    assertThat(day.get(0).to()).isEqualTo(clock.instant().minus(Duration.ofMinutes(1439)));
    assertThat(performance.history(Duration.ofHours(1))).hasSize(60);
    assertThat(day).allSatisfy(sample -> assertThat(sample.started()).isEqualTo(1));
    assertThatThrownBy(() -> performance.history(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requests_recorded_by_the_embedding_server_are_counted_per_window() {
    for (int i = 0; i < 100; i++) {
      performance.requests().record((i + 1) * MS);
    }
    clock.advance(Duration.ofSeconds(10));

    PerformanceSample minute = performance.lastMinute();
    assertThat(minute.requests().count()).isEqualTo(100);
    assertThat(minute.requestsPerSecond()).isEqualTo(10.0);
    assertThat(minute.requests().p99Ms()).isEqualTo(99.0);
    assertThat(minute.pool()).as("no pool source").isNull();
  }

  @Test
  void a_recorder_read_between_two_counts_gives_only_those_samples_and_at_most_its_window() {
    var recorder = new LatencyRecorder();
    for (int i = 0; i < 10; i++) {
      recorder.record(MS);
    }
    long from = recorder.totalCount();
    recorder.record(9 * MS);
    long to = recorder.totalCount();
    recorder.record(20 * MS);

    assertThat(recorder.snapshotBetween(from, to).count()).isEqualTo(1);
    assertThat(recorder.snapshotBetween(from, to).maxMs()).isEqualTo(9);
    assertThat(recorder.snapshotBetween(from, recorder.totalCount()).maxMs()).isEqualTo(20);
    assertThat(recorder.snapshotBetween(to, to)).isEqualTo(DurationStats.EMPTY);
    for (int i = 0; i < LatencyRecorder.WINDOW + 5; i++) {
      recorder.record(2 * MS);
    }
    assertThat(recorder.snapshotBetween(0, recorder.totalCount()).count())
        .isEqualTo(LatencyRecorder.WINDOW);
    assertThat(recorder.snapshotBetween(0, recorder.totalCount()).maxMs()).isEqualTo(2);
    assertThat(recorder.snapshotBetween(0, to))
        .as("long gone from the window")
        .isEqualTo(DurationStats.EMPTY);
  }

  /** {@code starts} executions started, with those pick-up and claim latencies. */
  private void run(int starts, long pickUpNanos, long claimNanos) {
    for (int i = 0; i < starts; i++) {
      live.onStarted();
      live.pickUpLatency().record(pickUpNanos);
      live.claimLatency().record(claimNanos);
    }
  }
}
