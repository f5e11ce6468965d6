package org.rpa.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.rpa.core.metrics.MetricsHistory;
import org.rpa.core.metrics.Snapshot;

/** The {@link SnapshotLog} part of the store contract: the metrics collector's history. */
interface SnapshotLogContract extends JobStoreFixture {
  Instant PERIOD_START = Instant.parse("2026-03-01T10:00:00Z");

  @Test
  default void one_snapshot_is_kept_per_five_minute_period_and_listed_newest_first() {
    SnapshotLog log = store().snapshotLog();
    var first = new Snapshot(PERIOD_START.plusSeconds(10), 15, 3, 142, 8);
    var sameFiveMinutes = new Snapshot(PERIOD_START.plusSeconds(299), 99, 9, 999, 99);
    var next = new Snapshot(PERIOD_START.plusSeconds(300), 18, 2, 140, 8);

    assertThat(log.record(first)).isTrue();
    assertThat(log.record(sameFiveMinutes)).as("the period has its snapshot").isFalse();
    assertThat(log.record(next)).isTrue();

    assertThat(log.newestFirst(PERIOD_START, PERIOD_START.plus(Duration.ofHours(1))))
        .containsExactly(next, first);
    assertThat(log.count()).isEqualTo(2);
  }

  @Test
  default void the_window_includes_both_ends_and_nothing_outside() {
    SnapshotLog log = store().snapshotLog();
    List<Snapshot> kept = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      var snapshot = new Snapshot(PERIOD_START.plus(Duration.ofMinutes(5L * i)), i, 0, 0, 0);
      log.record(snapshot);
      kept.add(0, snapshot);
    }

    Instant second = PERIOD_START.plus(Duration.ofMinutes(5));
    Instant third = PERIOD_START.plus(Duration.ofMinutes(10));
    assertThat(log.newestFirst(second, third)).containsExactly(kept.get(1), kept.get(2));
    assertThat(log.newestFirst(second.plusNanos(1000), third.minusNanos(1000))).isEmpty();
    assertThat(log.newestFirst(Instant.EPOCH, PERIOD_START.plus(Duration.ofDays(1))))
        .containsExactlyElementsOf(kept);
    assertThatThrownBy(() -> log.newestFirst(third, second))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  default void pruning_deletes_the_snapshots_taken_before_the_cutoff() {
    SnapshotLog log = store().snapshotLog();
    for (int i = 0; i < 3; i++) {
      log.record(new Snapshot(PERIOD_START.plus(Duration.ofDays(i)), i, 0, 0, 0));
    }

    assertThat(log.pruneBefore(PERIOD_START.plus(Duration.ofDays(1)))).isEqualTo(1);

    assertThat(log.newestFirst(Instant.EPOCH, PERIOD_START.plus(Duration.ofDays(3))))
        .extracting(Snapshot::queuedJobs)
        .containsExactly(2L, 1L);
    assertThat(log.pruneBefore(PERIOD_START)).isZero();
  }

  @Test
  default void writers_racing_for_one_period_keep_exactly_one_snapshot() throws Exception {
    SnapshotLog log = store().snapshotLog();
    int writers = 8;
    var start = new CountDownLatch(1);
    var pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<Boolean>> kept = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        var snapshot = new Snapshot(PERIOD_START.plusSeconds(i), i, 0, 0, 0);
        Callable<Boolean> write =
            () -> {
              start.await();
              return log.record(snapshot);
            };
        kept.add(pool.submit(write));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> future : kept) {
        won += future.get() ? 1 : 0;
      }

      assertThat(won).isEqualTo(1);
      assertThat(log.count()).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  default void periods_are_five_minutes_from_the_epoch() {
    assertThat(MetricsHistory.periodOf(Instant.parse("2026-03-01T10:04:59.999Z")))
        .isEqualTo(PERIOD_START);
    assertThat(MetricsHistory.periodOf(Instant.parse("2026-03-01T10:05:00Z")))
        .isEqualTo(PERIOD_START.plus(Duration.ofMinutes(5)));
    assertThat(MetricsHistory.periodOf(Instant.parse("1969-12-31T23:59:59Z")))
        .isEqualTo(Instant.parse("1969-12-31T23:55:00Z"));
  }
}
